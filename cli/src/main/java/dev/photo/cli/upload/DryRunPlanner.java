package dev.photo.cli.upload;

import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UploadFileRequest;
import dev.photo.contract.UploadResult;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.ApiClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code photo upload --dry-run}: hashes every file (duplicates can only be found by content) and asks
 * {@code POST /uploads} with {@code "dryRun": true} what it would do, album by album, at most 100 files a request.
 * Each file is declared as the upload would declare it, with its part plan when it would go multipart, so that the
 * server judges the same request (a file above its single-PUT limit is refused without parts). Nothing is sent,
 * recorded, presigned or cached.
 */
public final class DryRunPlanner {

    private final ApiClient api;
    private final TransferSettings settings;
    private final UploadListener listener;

    /** @param settings what the upload would use: its parallelism hashes, its multipart choice declares */
    public DryRunPlanner(ApiClient api, TransferSettings settings, UploadListener listener) {
        this.api = api;
        this.settings = settings;
        this.listener = listener;
    }

    /** One outcome per file, in order: would upload, duplicate, rejected (with the API's reason), or failed. */
    public List<UploadOutcome> plan(List<LocalFile> files) throws InterruptedException {
        UploadOutcome[] outcomes = new UploadOutcome[files.size()];
        List<Hashed> declared = hashAll(files, outcomes);
        for (int start = 0; start < files.size(); ) {
            String album = files.get(start).album();
            int end = start;
            int parts = 0;
            while (end < files.size() && Uploader.joinsBatch(end - start, parts,
                    files.get(end).album().equals(album), partCount(declared.get(end)))) {
                parts += partCount(declared.get(end));
                end++;
            }
            judge(album, files, declared, start, end, outcomes);
            start = end;
        }
        return Arrays.asList(outcomes);
    }

    /** A file that could not be read declares nothing. */
    private static int partCount(Hashed hashed) {
        return hashed == null ? 0 : hashed.declaredParts();
    }

    private void judge(String album, List<LocalFile> files, List<Hashed> declared, int start, int end,
                       UploadOutcome[] outcomes) throws InterruptedException {
        List<UploadFileRequest> requests = new ArrayList<>();
        Map<Integer, Integer> requestToFile = new HashMap<>();
        for (int i = start; i < end; i++) {
            if (declared.get(i) != null) {
                requestToFile.put(requests.size(), i);
                requests.add(declared.get(i).request());
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        UploadBatchResponse response = api.requestUploads(UploadBatchRequest.dryRun(album, requests));
        for (UploadResult result : response.results()) {
            Integer index = requestToFile.remove(result.index());
            if (index == null) {
                continue;
            }
            if (result.upload() != null) {
                throw new CliException(ExitCodes.ERROR, "the API does not support dry runs: it answered with upload"
                        + " URLs; nothing was sent, but it may have recorded the files as PENDING (a later upload"
                        + " reuses those records)");
            }
            record(outcomes, index, files.get(index), judged(files.get(index), result));
        }
        for (Integer missing : requestToFile.values()) {
            LocalFile file = files.get(missing);
            record(outcomes, missing, file, UploadOutcome.failed(file.displayPath(), file.name(),
                    "the API gave no answer for this file"));
        }
    }

    private static UploadOutcome judged(LocalFile file, UploadResult result) {
        if (UploadResult.UPLOAD.equals(result.status())) {
            return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.WOULD_UPLOAD, result.photoId(),
                    null);
        } else if (UploadResult.DUPLICATE.equals(result.status())) {
            return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.DUPLICATE, result.photoId(), null);
        } else if (UploadResult.REJECTED.equals(result.status())) {
            return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.REJECTED, null,
                    result.rejectionReason());
        }
        return UploadOutcome.failed(file.displayPath(), file.name(),
                "unexpected answer from the API: status " + result.status());
    }

    private List<Hashed> hashAll(List<LocalFile> files, UploadOutcome[] outcomes)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), new WorkerThreads("photo-hash"));
        try {
            List<Future<Hashed>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                LocalFile file = files.get(i);
                int index = i;
                futures.add(pool.submit(() -> hash(file, index, outcomes)));
            }
            List<Hashed> declared = new ArrayList<>();
            for (Future<Hashed> future : futures) {
                declared.add(future.get());
            }
            return declared;
        } catch (ExecutionException e) {
            throw new CliException(ExitCodes.ERROR, "hashing failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The file as the upload would declare it; no {@link FileKey}, since nothing is resumed or stored. */
    private Hashed hash(LocalFile file, int index, UploadOutcome[] outcomes) {
        try {
            long partSize = settings.multipart(file.size()) ? settings.partSizeFor(file.size()) : 0;
            Sha256.Digest digest = Sha256.of(file.path(), partSize, listener::hashed);
            return Hashed.of(index, file, null, digest, partSize);
        } catch (IOException e) {
            record(outcomes, index, file, UploadOutcome.failed(file.displayPath(), file.name(),
                    "cannot read: " + e.getClass().getSimpleName()));
            return null;
        }
    }

    /** Every outcome passes here, which gives it the file's album. */
    private void record(UploadOutcome[] outcomes, int index, LocalFile file, UploadOutcome judged) {
        UploadOutcome outcome = judged.withAlbum(file.album());
        synchronized (outcomes) {
            outcomes[index] = outcome;
        }
        listener.finished(file, outcome);
    }
}
