package dev.photo.cli.upload;

import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.TransferClient;
import dev.photo.contract.UploadResult;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real run's last stage: {@code parallel} transfer workers taking whole files and parts of multipart uploads
 * from one {@link TransferQueue}.
 */
final class Transfers implements Sending {

    /** Multipart uploads in flight at once; their parts share the transfer workers. */
    private static final int MAX_ACTIVE_UPLOADS = 2;

    private final TransferSettings settings;
    private final Outcomes outcomes;
    private final RunStop stop;
    private final TransferQueue queue;
    private final SingleTransfer single;
    private final MultipartScheduler multipart;
    private final ExecutorService workers;

    Transfers(ApiClient api, TransferClient transfer, TransferSettings settings, UploadMemory memory,
              UploadListener listener, Outcomes outcomes, RunStop stop) {
        this.settings = settings;
        this.outcomes = outcomes;
        this.stop = stop;
        // room for one batch ahead of the workers, so that presigning runs ahead but URLs do not wait to expire
        this.queue = new TransferQueue(settings.parallel(), settings.maxBatch() + settings.parallel(),
                MAX_ACTIVE_UPLOADS);
        this.single = new SingleTransfer(api, transfer, settings, memory, listener, outcomes);
        this.multipart = new MultipartScheduler(api, memory, listener, outcomes, stop, queue,
                new MultipartTransfer.Context(api, transfer, settings, memory, listener, queue));
        this.workers = Executors.newFixedThreadPool(settings.parallel(), new WorkerThreads("photo-upload"));
    }

    @Override
    public boolean dryRun() {
        return false;
    }

    @Override
    public boolean hungry() {
        return queue.hungry();
    }

    @Override
    public void upload(Hashed item, UploadResult result) throws InterruptedException {
        if (result.upload() == null) {
            outcomes.fail(item, "the API gave no upload URL");
        } else if (!queue.addFile(() -> single.send(item, result.photoId(), result.upload()))) {
            outcomes.fail(item, "not uploaded: stopped");
        }
    }

    @Override
    public void multipart(Hashed item, UploadResult result) throws InterruptedException {
        multipart.start(item, result);
    }

    @Override
    public Hashed resume(Hashed item) throws InterruptedException {
        return multipart.resume(item);
    }

    @Override
    public void start() {
        for (int i = 0; i < settings.parallel(); i++) {
            workers.execute(this::work);
        }
    }

    private void work() {
        try {
            for (TransferQueue.Task task = queue.next(); task != null && !stop.stopped(); task = queue.next()) {
                task.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.close();
    }

    @Override
    public void stop() {
        queue.stop();
    }

    @Override
    public void await() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    @Override
    public void shutdownNow() {
        workers.shutdownNow();
    }
}
