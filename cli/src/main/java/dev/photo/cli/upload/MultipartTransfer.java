package dev.photo.cli.upload;

import dev.photo.contract.CompleteRequest;
import dev.photo.contract.PartUpload;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.PresignedUpload;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.FileSlice;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.client.TransferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One multipart upload in flight: hands its missing parts out to the transfer workers one at a time, fetches part
 * URLs 100 at a time (again when they expire), journals every stored part, and completes the upload when the last
 * part is stored. A part that still fails after its retries fails the file but keeps the journal, so that the next
 * identical command continues from the parts stored.
 */
final class MultipartTransfer {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartTransfer.class);
    private static final int URLS_PER_CALL = 100;
    /** Completing may copy the whole file on the server (S3Proxy's filesystem store: up to 7.5 s per GiB). */
    private static final Duration COMPLETE_BASE = Duration.ofSeconds(60);
    private static final long COMPLETE_SECONDS_PER_GIB = 15;

    /** What the parts need from the run. */
    record Context(ApiClient api, TransferClient transfer, TransferSettings settings, UploadMemory memory,
                   UploadListener listener, TransferQueue queue) {
    }

    private final Hashed file;
    private final String photoId;
    private final String uploadId;
    private final Context context;
    private final Consumer<UploadOutcome> done;
    /** Parts still to send, in order; {@code cursor} is the next one to hand out. */
    private final int[] missing;
    private final String[] etags;
    private final Map<Integer, PresignedUpload> urls = new HashMap<>();
    private int cursor;
    /** {@code missing[0..fetched)} have had their URLs asked for (or came with the plan); guarded by urls. */
    private int fetched;
    private int inFlight;
    private int toStore;
    private String failure;
    private boolean ended;

    MultipartTransfer(Hashed file, String photoId, String uploadId, int[] missing, String[] etags,
                      List<PartUpload> firstUrls, Context context, Consumer<UploadOutcome> done) {
        this.file = file;
        this.photoId = photoId;
        this.uploadId = uploadId;
        this.missing = missing;
        this.etags = etags;
        this.context = context;
        this.done = done;
        this.toStore = missing.length;
        for (PartUpload url : firstUrls) {
            urls.put(url.partNumber(), url.presigned());
        }
        while (fetched < missing.length && urls.containsKey(missing[fetched])) {
            fetched++;
        }
    }

    /** Whether every part is stored already (a resumed upload killed after its last part): only completing is left. */
    synchronized boolean allStored() {
        return toStore == 0;
    }

    synchronized boolean hasUnclaimed() {
        return failure == null && cursor < missing.length;
    }

    /** The next part to send, or {@code null} if none is left to hand out. */
    synchronized TransferQueue.Task claim() {
        if (!hasUnclaimed()) {
            return null;
        }
        int part = missing[cursor++];
        inFlight++;
        return () -> send(part);
    }

    private void send(int part) throws InterruptedException {
        String reason = null;
        String etag = null;
        try {
            TransferResult result = transferPart(part);
            if (result.ok()) {
                etag = result.etag();
                if (etag == null) {
                    reason = "storage stored part " + part + " but answered no ETag";
                } else {
                    context.memory().partStored(photoId, part, etag);
                }
            } else {
                reason = "part " + part + ": " + result.reason()
                        + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : "");
            }
        } catch (RuntimeException e) {
            // CliException from the API, IllegalStateException from the journal, anything else: the part failed
            LOG.debug("part {} of {} failed", part, file.file().displayPath(), e);
            reason = "part " + part + ": " + e.getMessage();
        }
        partEnded(part, etag, reason);
    }

    private TransferResult transferPart(int part) throws InterruptedException {
        FileSlice slice = new FileSlice(file.file().path(), file.partOffset(part), file.partLength(part));
        PresignedUpload url = url(part, false);
        for (int represigns = 0; ; represigns++) {
            TransferResult result = context.transfer().put(url, slice, context.settings().retry(),
                    context.listener()::sent);
            if (!result.expired() || represigns == SingleTransfer.MAX_REPRESIGNS) {
                return result;
            }
            LOG.debug("part {} of {}: URL expired; presigning again", part, file.file().displayPath());
            url = url(part, true);
        }
    }

    /**
     * The part's URL: from those fetched, else fetched together with the next parts whose URLs were not asked for
     * yet (up to 100 per call); when {@code stale}, the URLs held are dropped and the part's successors asked again.
     */
    private PresignedUpload url(int part, boolean stale) throws InterruptedException {
        synchronized (urls) {
            if (stale) {
                urls.clear();
            }
            PresignedUpload url = urls.remove(part);
            if (url != null) {
                return url;
            }
            List<PartsRequest.Part> wanted = new ArrayList<>();
            wanted.add(partRequest(part));
            int from = stale ? Math.max(0, Arrays.binarySearch(missing, part) + 1) : fetched;
            int i = from;
            for (; i < missing.length && wanted.size() < URLS_PER_CALL; i++) {
                if (missing[i] != part && !urls.containsKey(missing[i])) {
                    wanted.add(partRequest(missing[i]));
                }
            }
            fetched = Math.max(fetched, i);
            PartsResponse answer = context.api().requestParts(photoId, new PartsRequest(uploadId, wanted));
            for (PartUpload u : answer.parts()) {
                urls.put(u.partNumber(), u.presigned());
            }
            url = urls.remove(part);
            if (url == null) {
                throw new IllegalStateException("the API gave no URL for part " + part);
            }
            return url;
        }
    }

    private PartsRequest.Part partRequest(int part) {
        return new PartsRequest.Part(part, file.partLength(part), file.parts().get(part - 1));
    }

    private void partEnded(int part, String etag, String reason) throws InterruptedException {
        boolean complete;
        boolean failed;
        synchronized (this) {
            inFlight--;
            if (reason == null) {
                etags[part - 1] = etag;
                toStore--;
            } else if (failure == null) {
                failure = reason;
            }
            complete = failure == null && toStore == 0 && !ended;
            failed = failure != null && inFlight == 0 && !ended;
            ended |= complete || failed;
        }
        if (complete) {
            complete();
        } else if (failed) {
            end(outcome(UploadStatus.FAILED, failure + "; run the same command again to continue this file"));
        }
    }

    /** Joins the parts; the journal goes once the server holds the file. */
    void complete() throws InterruptedException {
        List<CompleteRequest.Part> parts = new ArrayList<>(etags.length);
        for (int i = 0; i < etags.length; i++) {
            parts.add(new CompleteRequest.Part(i + 1, etags[i]));
        }
        Duration timeout = COMPLETE_BASE.plusSeconds(COMPLETE_SECONDS_PER_GIB * (file.size() >> 30));
        UploadOutcome outcome;
        try {
            context.api().completeUpload(photoId, new CompleteRequest(uploadId, parts), timeout);
            outcome = outcome(UploadStatus.UPLOADED, null);
        } catch (RuntimeException e) {
            LOG.debug("completing {} failed", file.file().displayPath(), e);
            outcome = outcome(UploadStatus.FAILED, "cannot complete the upload: " + e.getMessage());
        }
        if (outcome.status() == UploadStatus.UPLOADED) {
            // the server holds the file: a journal left behind only costs the next run a question to the API
            try {
                context.memory().forget(photoId);
            } catch (IllegalStateException e) {
                LOG.debug("cannot drop the journal of {}", file.file().displayPath(), e);
            }
            context.memory().remember(file, photoId, UploadStatus.UPLOADED);
        }
        end(outcome);
    }

    private UploadOutcome outcome(UploadStatus status, String reason) {
        return new UploadOutcome(file.file().displayPath(), file.file().name(), status, photoId, reason);
    }

    private void end(UploadOutcome outcome) {
        context.queue().finished(this);
        done.accept(outcome);
    }
}
