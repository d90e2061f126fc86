package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.PresignedUpload;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.client.TransferResult;
import dev.photo.cli.client.UploadBatchRequest;
import dev.photo.cli.client.UploadBatchResponse;
import dev.photo.cli.client.UploadFileRequest;
import dev.photo.cli.client.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Uploads files batch by batch: hash the batch in parallel, ask {@code POST /uploads} for URLs, send the files
 * that need sending in parallel, and only then presign the next batch, so that no URL waits long enough to expire.
 * A file that fails never stops the others and is never reported as uploaded.
 */
public final class Uploader {

    /** The API's limit per {@code POST /uploads}. */
    public static final int MAX_BATCH = 100;

    private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);

    private final ApiClient api;
    private final TransferClient transfer;
    private final RetryPolicy putRetry;
    private final int parallel;
    private final UploadListener listener;

    public Uploader(ApiClient api, TransferClient transfer, RetryPolicy putRetry, int parallel,
                    UploadListener listener) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.api = api;
        this.transfer = transfer;
        this.putRetry = putRetry;
        this.parallel = parallel;
        this.listener = listener;
    }

    /**
     * Uploads {@code files}, each into its own album: a batch never mixes albums. An API error on the first batch (bad album, not logged in, API
     * down) is thrown, since nothing was done; on a later batch it fails the remaining files instead, so that the
     * report still shows what got through.
     */
    public UploadReport upload(List<LocalFile> files) throws InterruptedException {
        UploadOutcome[] outcomes = new UploadOutcome[files.size()];
        ExecutorService pool = Executors.newFixedThreadPool(parallel, new WorkerThreads());
        try {
            for (int start = 0; start < files.size(); ) {
                String album = files.get(start).album();
                int end = start;
                while (end < files.size() && end - start < MAX_BATCH && files.get(end).album().equals(album)) {
                    end++;
                }
                List<LocalFile> batch = files.subList(start, end);
                try {
                    uploadBatch(album, batch, start, outcomes, pool);
                } catch (CliException e) {
                    if (start == 0) {
                        throw e;
                    }
                    LOG.debug("batch at {} failed", start, e);
                    for (int i = start; i < files.size(); i++) {
                        if (outcomes[i] == null) {
                            record(outcomes, i, files.get(i), UploadOutcome.failed(files.get(i).displayPath(),
                                    files.get(i).name(), e.getMessage()));
                        }
                    }
                    break;
                }
                start = end;
            }
        } finally {
            pool.shutdownNow();
        }
        return UploadReport.of(Arrays.asList(outcomes));
    }

    private void uploadBatch(String album, List<LocalFile> batch, int offset, UploadOutcome[] outcomes,
                             ExecutorService pool) throws InterruptedException {
        List<Sha256.Digest> digests = hashAll(batch, offset, outcomes, pool);
        List<UploadFileRequest> requests = new ArrayList<>();
        Map<Integer, Integer> requestToFile = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Sha256.Digest digest = digests.get(i);
            if (digest != null) {
                LocalFile file = batch.get(i);
                requestToFile.put(requests.size(), offset + i);
                requests.add(new UploadFileRequest(file.name(), digest.size(), file.contentType(), digest.hex()));
            }
        }
        if (requests.isEmpty()) {
            return;
        }
        UploadBatchResponse response = api.requestUploads(new UploadBatchRequest(album, requests));
        List<Future<?>> puts = new ArrayList<>();
        for (UploadResult result : response.results()) {
            Integer fileIndex = requestToFile.remove(result.index());
            if (fileIndex == null) {
                continue;
            }
            LocalFile file = fileOf(batch, offset, fileIndex);
            if (UploadResult.UPLOAD.equals(result.status()) && result.upload() != null) {
                puts.add(pool.submit(() -> put(file, result.photoId(), result.upload(), fileIndex, outcomes)));
            } else {
                record(outcomes, fileIndex, file, judged(file, result));
            }
        }
        for (Integer missing : requestToFile.values()) {
            LocalFile file = fileOf(batch, offset, missing);
            record(outcomes, missing, file, UploadOutcome.failed(file.displayPath(), file.name(),
                    "the API gave no answer for this file"));
        }
        awaitAll(puts);
    }

    private List<Sha256.Digest> hashAll(List<LocalFile> batch, int offset, UploadOutcome[] outcomes,
                                        ExecutorService pool) throws InterruptedException {
        List<Callable<Sha256.Digest>> tasks = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            LocalFile file = batch.get(i);
            int index = offset + i;
            tasks.add(() -> {
                try {
                    return Sha256.of(file.path());
                } catch (IOException e) {
                    record(outcomes, index, file, UploadOutcome.failed(file.displayPath(), file.name(),
                            "cannot read: " + e.getClass().getSimpleName()));
                    return null;
                }
            });
        }
        List<Sha256.Digest> digests = new ArrayList<>();
        for (Future<Sha256.Digest> future : pool.invokeAll(tasks)) {
            digests.add(result(future));
        }
        return digests;
    }

    private Void put(LocalFile file, String photoId, PresignedUpload upload, int index, UploadOutcome[] outcomes)
            throws InterruptedException {
        TransferResult result;
        try {
            result = transfer.upload(upload, file.path(), putRetry, listener::sent);
        } catch (RuntimeException e) {
            LOG.debug("upload of {} failed", file.displayPath(), e);
            result = TransferResult.failure(1, "cannot send: " + e.getClass().getSimpleName());
        }
        UploadOutcome outcome = result.ok()
                ? new UploadOutcome(file.displayPath(), file.name(), UploadStatus.UPLOADED, photoId, null)
                : new UploadOutcome(file.displayPath(), file.name(), UploadStatus.FAILED, photoId,
                        result.reason() + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : ""));
        record(outcomes, index, file, outcome);
        return null;
    }

    private static UploadOutcome judged(LocalFile file, UploadResult result) {
        if (UploadResult.DUPLICATE.equals(result.status())) {
            return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.DUPLICATE, result.photoId(), null);
        }
        if (UploadResult.REJECTED.equals(result.status())) {
            String reason = result.error() == null ? "rejected by the API"
                    : result.error().message() != null ? result.error().message() : result.error().code();
            return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.REJECTED, null, reason);
        }
        return UploadOutcome.failed(file.displayPath(), file.name(),
                "unexpected answer from the API: status " + result.status());
    }

    private void record(UploadOutcome[] outcomes, int index, LocalFile file, UploadOutcome outcome) {
        synchronized (outcomes) {
            outcomes[index] = outcome;
        }
        listener.finished(file, outcome);
    }

    private static LocalFile fileOf(List<LocalFile> batch, int offset, int fileIndex) {
        return batch.get(fileIndex - offset);
    }

    private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> future : futures) {
            result(future);
        }
    }

    private static <T> T result(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CliException(ExitCodes.ERROR, "upload worker failed: " + cause, cause);
        }
    }

    private static final class WorkerThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "photo-upload-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
