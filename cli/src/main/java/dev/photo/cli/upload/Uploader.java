package dev.photo.cli.upload;

import dev.photo.contract.ApiLimits;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.PresignedUpload;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UploadFileRequest;
import dev.photo.contract.UploadResult;
import dev.photo.cli.CliException;
import dev.photo.cli.ShutdownHooks;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.ApiException;
import dev.photo.cli.client.FileSlice;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.client.TransferResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upload engine. Three stages run at once, joined by bounded queues so that memory does not grow with the
 * number of files (only each file's outcome is kept):
 * <ol>
 *   <li>hash workers skip files an earlier run stored (the {@link UploadState} cache: no reading), pick up
 *       multipart uploads an earlier run left half done (the journal), and hash the others, large files with each
 *       part's SHA-256 in the same read;</li>
 *   <li>the calling thread gathers hashed files into {@code POST /uploads} batches of up to 100 files of one album,
 *       sending a partial batch as soon as the transfer workers are about to run dry, so that URLs are ready before
 *       they are needed but never long before;</li>
 *   <li>{@code parallel} transfer workers send whole files and parts of multipart uploads, retrying with back-off
 *       and presigning again when a URL expired.</li>
 * </ol>
 * A file that fails never stops the others and is never reported as uploaded.
 */
public final class Uploader {

    /**
     * Whether a file declaring {@code parts} parts joins a batch of {@code batchSize} files and {@code batchParts}
     * parts: a batch is one album, at most {@link #MAX_BATCH} files and {@link #MAX_BATCH_PARTS} parts, and never
     * empty.
     */
    static boolean joinsBatch(int batchSize, int batchParts, boolean sameAlbum, int parts) {
        return batchSize == 0 || sameAlbum && batchSize < MAX_BATCH && batchParts + parts <= MAX_BATCH_PARTS;
    }

    /** The API's limit per {@code POST /uploads}. */
    public static final int MAX_BATCH = ApiLimits.MAX_BATCH;
    /** Parts declared per batch at most: keeps a request well under the API's 6 MB body limit. */
    static final int MAX_BATCH_PARTS = 10_000;
    /** Multipart uploads in flight at once; their parts share the transfer workers. */
    private static final int MAX_ACTIVE_UPLOADS = 2;
    /** Fresh URLs for one file or part whose URL expired before its bytes got through; then it fails. */
    static final int MAX_REPRESIGNS = 3;
    private static final long POLL_MILLIS = 10;
    private static final String EARLIER_RUN = "already uploaded by an earlier run";
    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

    private final ApiClient api;
    private final TransferClient transfer;
    private final TransferSettings settings;
    private final UploadState state;
    private final UploadListener listener;
    private final PrintWriter notices;

    /**
     * @param notices where a Ctrl-C tells what was done and how to resume; {@code null} for no shutdown hook
     */
    public Uploader(ApiClient api, TransferClient transfer, TransferSettings settings, UploadState state,
                    UploadListener listener, PrintWriter notices) {
        this.api = api;
        this.transfer = transfer;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.notices = notices;
    }

    /**
     * Uploads {@code files}, each into its own album (a batch never mixes albums). An API error on the first batch
     * (bad album, not logged in, API down) is thrown, since nothing was done; on a later batch it fails the
     * remaining files instead, so that the report still shows what got through.
     */
    public UploadReport upload(List<LocalFile> files) throws InterruptedException {
        Run run = new Run(files);
        // registered after the session's backend, so on Ctrl-C it runs first: the state is saved before the stack stops
        ShutdownHooks.Registration hook = notices == null ? null
                : ShutdownHooks.onShutdown("save the upload state", run::interrupted);
        try {
            return run.execute();
        } finally {
            if (hook != null) {
                hook.close();
            }
        }
    }

    /** One call of {@link #upload}: its files, their outcomes and its threads. */
    private final class Run {

        private final List<LocalFile> files;
        private final UploadOutcome[] outcomes;
        private final AtomicInteger nextFile = new AtomicInteger();
        /** SHA-256 -> photo id of every file presigned so far in this run. */
        private final Map<String, String> presignedThisRun = new ConcurrentHashMap<>();
        private final AtomicInteger hashersLeft;
        private final AtomicInteger finished = new AtomicInteger();
        private final BlockingQueue<Hashed> hashed = new ArrayBlockingQueue<>(2 * MAX_BATCH);
        private final TransferQueue queue;
        private final MultipartTransfer.Context context;
        private final int hashers;
        private volatile boolean stopping;
        /** Set when the API failed after some files got through: the files not yet done fail with this. */
        private volatile String abandoned;
        private boolean presignedAny;

        Run(List<LocalFile> files) {
            this.files = files;
            this.outcomes = new UploadOutcome[files.size()];
            this.hashers = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
            this.hashersLeft = new AtomicInteger(hashers);
            this.queue = new TransferQueue(settings.parallel(), MAX_BATCH + settings.parallel(), MAX_ACTIVE_UPLOADS);
            this.context = new MultipartTransfer.Context(api, transfer, settings, state, listener, queue);
        }

        UploadReport execute() throws InterruptedException {
            ExecutorService hashPool = Executors.newFixedThreadPool(hashers, new WorkerThreads("photo-hash"));
            ExecutorService sendPool = Executors.newFixedThreadPool(settings.parallel(),
                    new WorkerThreads("photo-upload"));
            try {
                for (int i = 0; i < hashers; i++) {
                    hashPool.execute(this::hashLoop);
                }
                for (int i = 0; i < settings.parallel(); i++) {
                    sendPool.execute(this::sendLoop);
                }
                try {
                    presignLoop();
                } catch (CliException e) {
                    stopping = true;
                    queue.stop();
                    throw e;
                } finally {
                    queue.close();
                }
                sendPool.shutdown();
                hashPool.shutdown();
                sendPool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
                hashPool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                stopping = true;
                queue.stop();
                throw e;
            } finally {
                sendPool.shutdownNow();
                hashPool.shutdownNow();
                state.flush();
            }
            String reason = abandoned != null ? abandoned : "not uploaded: the run stopped first";
            for (int i = 0; i < outcomes.length; i++) {
                if (outcomes[i] == null) {
                    record(i, UploadOutcome.failed(files.get(i).displayPath(), files.get(i).name(), reason));
                }
            }
            return UploadReport.of(Arrays.asList(outcomes));
        }

        /** The shutdown hook: stop taking work, keep what is known, say how to go on. */
        void interrupted() {
            stopping = true;
            queue.stop();
            try {
                state.flush();
            } catch (RuntimeException e) {
                LOG.debug("cannot save the cache on interrupt", e);
            }
            notices.printf("%nphoto: interrupted: %d of %d files done; run the same command again to resume "
                    + "(files done are skipped, large files continue from their last stored part)%n",
                    finished.get(), files.size());
            notices.flush();
        }

        // ---- stage 1: cache, journal, hashing

        private void hashLoop() {
            try {
                for (int i = nextFile.getAndIncrement(); i < files.size() && !stopping && abandoned == null;
                     i = nextFile.getAndIncrement()) {
                    Hashed item = prepare(i, files.get(i));
                    if (item != null) {
                        while (!hashed.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                            if (stopping) {
                                return;
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hashersLeft.decrementAndGet();
            }
        }

        /** The file ready to presign, or {@code null} when it is already decided (stored, unreadable). */
        private Hashed prepare(int index, LocalFile file) throws InterruptedException {
            try {
                FileKey key = FileKey.of(file.path());
                Optional<UploadState.StoredFile> stored = state.stored(key);
                if (stored.isPresent()) {
                    if (key.size() <= settings.maxSinglePut()) {
                        // declared, not trusted: the server says duplicate, or the photo was deleted there since
                        // and it goes up again
                        return Hashed.cached(index, file, key, stored.get().sha256());
                    }
                    // too large for one PUT, and the cache keeps no part hashes: taken as the cache says
                    record(index, new UploadOutcome(file.displayPath(), file.name(), UploadStatus.DUPLICATE,
                            stored.get().photoId(), EARLIER_RUN));
                    return null;
                }
                Optional<MultipartJournal> journal = state.journal(key.path());
                if (journal.isPresent()) {
                    if (journal.get().key().equals(key) && settings.multipart(key.size())) {
                        return Hashed.resume(index, file, journal.get());
                    }
                    abandon(journal.get());
                }
                long partSize = settings.multipart(key.size()) ? settings.partSizeFor(key.size()) : 0;
                long start = System.nanoTime();
                Sha256.Digest digest = Sha256.of(file.path(), partSize, listener::hashed);
                LOG.debug("hashed {} ({} bytes) in {} ms", file.displayPath(), digest.size(),
                        (System.nanoTime() - start) / 1_000_000);
                if (digest.size() != key.size()) {
                    record(index, UploadOutcome.failed(file.displayPath(), file.name(),
                            "the file changed while it was read"));
                    return null;
                }
                return Hashed.of(index, file, key, digest, partSize);
            } catch (IOException e) {
                record(index, UploadOutcome.failed(file.displayPath(), file.name(),
                        "cannot read: " + e.getClass().getSimpleName()));
                return null;
            } catch (IllegalStateException e) {
                record(index, UploadOutcome.failed(file.displayPath(), file.name(), e.getMessage()));
                return null;
            }
        }

        /** The file changed since its multipart upload started: give that upload up (best effort) and start over. */
        private void abandon(MultipartJournal journal) throws InterruptedException {
            try {
                api.abortUpload(journal.photoId(), journal.uploadId());
            } catch (CliException e) {
                LOG.debug("abort of the stale upload of {} failed", journal.key().path(), e);
            }
            state.forget(journal.photoId());
        }

        // ---- stage 2: presigning

        private void presignLoop() throws InterruptedException {
            List<Hashed> batch = new ArrayList<>();
            int batchParts = 0;
            while (!stopping) {
                Hashed next = hashed.poll();
                if (next == null) {
                    boolean hashingDone = hashersLeft.get() == 0;
                    next = hashed.poll();
                    if (next == null) {
                        if (!batch.isEmpty() && (hashingDone || queue.hungry())) {
                            presign(batch);
                            batch = new ArrayList<>();
                            batchParts = 0;
                            continue;
                        }
                        if (hashingDone) {
                            return;
                        }
                        next = hashed.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        if (next == null) {
                            continue;
                        }
                    }
                }
                if (abandoned != null) {
                    continue;
                }
                if (next.journal() != null) {
                    Hashed restart = resume(next);
                    if (restart == null) {
                        continue;
                    }
                    next = restart;
                }
                int parts = next.declaredParts();
                if (!joinsBatch(batch.size(), batchParts,
                        batch.isEmpty() || batch.get(0).file().album().equals(next.file().album()), parts)) {
                    presign(batch);
                    batch = new ArrayList<>();
                    batchParts = 0;
                }
                batch.add(next);
                batchParts += parts;
            }
        }

        private void presign(List<Hashed> batch) throws InterruptedException {
            if (abandoned != null) {
                return;
            }
            batch = withoutContentSentThisRun(batch);
            if (batch.isEmpty()) {
                return;
            }
            List<UploadFileRequest> requests = batch.stream().map(Hashed::request).toList();
            UploadBatchResponse response;
            try {
                response = api.requestUploads(new UploadBatchRequest(batch.get(0).file().album(), requests));
            } catch (CliException e) {
                if (!presignedAny) {
                    throw e;
                }
                LOG.debug("presigning a batch failed; giving the rest up", e);
                abandoned = e.getMessage();
                return;
            }
            presignedAny = true;
            Map<Integer, Hashed> byIndex = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                byIndex.put(i, batch.get(i));
            }
            for (UploadResult result : response.results()) {
                Hashed item = byIndex.remove(result.index());
                if (item != null) {
                    dispatch(item, result);
                }
            }
            for (Hashed item : byIndex.values()) {
                fail(item, "the API gave no answer for this file");
            }
        }

        /**
         * Two files with the same bytes in one run: the server only knows the first is a duplicate once its bytes
         * arrived, and the pipeline may presign the second before that. Sending both would store nothing new and
         * report two uploads, so the second is this run's duplicate of the first.
         */
        private List<Hashed> withoutContentSentThisRun(List<Hashed> batch) {
            List<Hashed> rest = new ArrayList<>(batch.size());
            for (Hashed item : batch) {
                String photoId = presignedThisRun.get(item.sha256());
                if (photoId == null) {
                    rest.add(item);
                } else {
                    remember(item, photoId, UploadStatus.DUPLICATE);
                    record(item.index(), new UploadOutcome(item.file().displayPath(), item.file().name(),
                            UploadStatus.DUPLICATE, photoId, "same content as another file of this upload"));
                }
            }
            return rest;
        }

        private void dispatch(Hashed item, UploadResult result) throws InterruptedException {
            if (result.photoId() != null) {
                presignedThisRun.putIfAbsent(item.sha256(), result.photoId());
            }
            LocalFile file = item.file();
            switch (result.status() == null ? "" : result.status()) {
                case UploadResult.UPLOAD -> {
                    if (item.cached()) {
                        LOG.debug("{} was stored by an earlier run but the server no longer has it; sending it again",
                                file.displayPath());
                    }
                    if (result.upload() == null || !queue.addFile(() -> sendFile(item, result.photoId(),
                            result.upload()))) {
                        fail(item, result.upload() == null ? "the API gave no upload URL" : "not uploaded: stopped");
                    }
                }
                case UploadResult.MULTIPART -> startMultipart(item, result);
                case UploadResult.DUPLICATE -> {
                    remember(item, result.photoId(), UploadStatus.DUPLICATE);
                    record(item.index(), new UploadOutcome(file.displayPath(), file.name(), UploadStatus.DUPLICATE,
                            result.photoId(), item.cached() ? EARLIER_RUN : null));
                }
                case UploadResult.REJECTED -> {
                    record(item.index(), new UploadOutcome(file.displayPath(), file.name(), UploadStatus.REJECTED,
                            null, result.rejectionReason()));
                }
                default -> fail(item, "unexpected answer from the API: status " + result.status());
            }
        }

        private void startMultipart(Hashed item, UploadResult result) throws InterruptedException {
            if (result.multipart() == null || result.multipart().uploadId() == null) {
                fail(item, "the API gave no multipart upload");
                return;
            }
            String uploadId = result.multipart().uploadId();
            try {
                state.begin(new MultipartJournal(item.key(), item.file().album(), item.sha256(), result.photoId(),
                        uploadId, item.partSize(), item.parts(), Map.of()));
            } catch (IllegalStateException e) {
                fail(item, e.getMessage());
                return;
            }
            int[] all = new int[item.parts().size()];
            Arrays.setAll(all, i -> i + 1);
            schedule(new MultipartTransfer(item, result.photoId(), uploadId, all, new String[all.length],
                    result.multipart().parts(), context, outcome -> record(item.index(), outcome)), item);
        }

        /**
         * Continues a multipart upload from the journal: asks the server which parts it holds and sends the others.
         * An upload the server no longer has (completed, aborted, photo gone) is forgotten and the file declared
         * again from the journal's hashes, without reading it: {@code POST /uploads} then says duplicate or starts
         * a new upload.
         *
         * @return the file to declare afresh, or {@code null} when it is dealt with here
         */
        private Hashed resume(Hashed item) throws InterruptedException {
            MultipartJournal journal = item.journal();
            PartsResponse held;
            try {
                held = api.requestParts(journal.photoId(), new PartsRequest(journal.uploadId(), List.of()));
            } catch (ApiException e) {
                if (e.status() == 404 || e.status() == 409) {
                    LOG.debug("upload of {} cannot continue ({}); declaring it again", journal.key().path(), e.code());
                    state.forget(journal.photoId());
                    return item.restart();
                }
                fail(item, e.getMessage());
                return null;
            } catch (CliException e) {
                fail(item, e.getMessage());
                return null;
            }
            presignedAny = true;
            String[] etags = new String[item.parts().size()];
            long resumed = 0;
            for (PartsResponse.HeldPart part : held.uploaded()) {
                int n = part.partNumber();
                if (n >= 1 && n <= etags.length && part.size() == item.partLength(n) && part.etag() != null) {
                    etags[n - 1] = part.etag();
                    resumed += part.size();
                }
            }
            int[] missing = java.util.stream.IntStream.rangeClosed(1, etags.length)
                    .filter(n -> etags[n - 1] == null).toArray();
            listener.resumed(resumed);
            LOG.debug("continuing {}: {} of {} parts stored", journal.key().path(), etags.length - missing.length,
                    etags.length);
            schedule(new MultipartTransfer(item, journal.photoId(), journal.uploadId(), missing, etags, List.of(),
                    context, outcome -> record(item.index(), outcome)), item);
            return null;
        }

        private void schedule(MultipartTransfer upload, Hashed item) throws InterruptedException {
            if (upload.allStored()) {
                upload.complete();
            } else if (!queue.addUpload(upload)) {
                fail(item, "not uploaded: stopped");
            }
        }

        // ---- stage 3: transfers

        private void sendLoop() {
            try {
                for (TransferQueue.Task task = queue.next(); task != null && !stopping; task = queue.next()) {
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void sendFile(Hashed item, String photoId, PresignedUpload first) throws InterruptedException {
            LocalFile file = item.file();
            UploadOutcome outcome;
            try {
                outcome = sendWithRepresign(item, photoId, first);
            } catch (RuntimeException e) {
                // CliException from presigning again, IllegalStateException from the cache, anything else
                LOG.debug("upload of {} failed", file.displayPath(), e);
                outcome = UploadOutcome.failed(file.displayPath(), file.name(), e.getMessage());
            }
            if (outcome.status() == UploadStatus.UPLOADED) {
                remember(item, photoId, UploadStatus.UPLOADED);
            }
            record(item.index(), outcome);
        }

        private UploadOutcome sendWithRepresign(Hashed item, String photoId, PresignedUpload first)
                throws InterruptedException {
            LocalFile file = item.file();
            PresignedUpload url = first;
            for (int represigns = 0; ; represigns++) {
                TransferResult result = transfer.put(url, FileSlice.whole(file.path(), item.size()),
                        settings.retry(), listener::sent);
                if (result.ok()) {
                    return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.UPLOADED, photoId, null);
                }
                if (!result.expired() || represigns == MAX_REPRESIGNS) {
                    return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.FAILED, photoId,
                            result.reason() + (result.attempts() > 1 ? " after " + result.attempts() + " attempts"
                                    : ""));
                }
                // the server presigns a PENDING photo whose bytes never arrived again, under the same photo id
                LOG.debug("URL for {} expired; presigning again", file.displayPath());
                UploadResult fresh = api.requestUploads(new UploadBatchRequest(file.album(),
                        List.of(item.request()))).results().stream().findFirst().orElse(null);
                if (fresh != null && UploadResult.DUPLICATE.equals(fresh.status())) {
                    // the object arrived after all (an attempt whose answer was lost)
                    return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.UPLOADED,
                            fresh.photoId(), null);
                }
                if (fresh == null || !UploadResult.UPLOAD.equals(fresh.status()) || fresh.upload() == null) {
                    return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.FAILED, photoId,
                            "the upload URL expired and the API did not presign it again");
                }
                url = fresh.upload();
            }
        }

        // ---- outcomes

        private void remember(Hashed item, String photoId, UploadStatus status) {
            try {
                state.remember(item.key(), item.sha256(), photoId, status);
            } catch (IllegalStateException e) {
                LOG.debug("cannot cache {}", item.file().displayPath(), e);
            }
        }

        private void fail(Hashed item, String reason) {
            record(item.index(), UploadOutcome.failed(item.file().displayPath(), item.file().name(), reason));
        }

        /** Every outcome passes here, which gives it the file's album. */
        private void record(int index, UploadOutcome judged) {
            UploadOutcome outcome = judged.withAlbum(files.get(index).album());
            synchronized (outcomes) {
                if (outcomes[index] != null) {
                    return;
                }
                outcomes[index] = outcome;
            }
            finished.incrementAndGet();
            listener.finished(files.get(index), outcome);
        }
    }
}
