package dev.photo.cli.upload;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hash workers: each takes the next file in order, prepares it and queues it for declaring. The queue is
 * bounded (two batches), so that hashing runs ahead of presigning but memory does not grow with the file count.
 */
final class HashStage {

    static final long POLL_MILLIS = 10;

    private final List<LocalFile> files;
    private final FilePreparer preparer;
    private final RunStop stop;
    private final int workers;
    private final AtomicInteger nextFile = new AtomicInteger();
    private final AtomicInteger workersLeft;
    private final BlockingQueue<Hashed> ready;

    HashStage(List<LocalFile> files, FilePreparer preparer, RunStop stop, int workers, int maxBatch) {
        this.files = files;
        this.preparer = preparer;
        this.stop = stop;
        this.workers = workers;
        this.workersLeft = new AtomicInteger(workers);
        this.ready = new ArrayBlockingQueue<>(2 * maxBatch);
    }

    /** As many hash workers as there are cores, at most two: hashing beyond that starves the transfers. */
    static int workers() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    void start(ExecutorService pool) {
        for (int i = 0; i < workers; i++) {
            pool.execute(this::work);
        }
    }

    private void work() {
        try {
            for (int i = nextFile.getAndIncrement(); i < files.size() && stop.taking(); i = nextFile.getAndIncrement()) {
                Hashed item = preparer.prepare(i, files.get(i));
                if (item != null) {
                    while (!ready.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        if (stop.stopped()) {
                            return;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workersLeft.decrementAndGet();
        }
    }

    /** The next prepared file if one is waiting, else {@code null} at once. */
    Hashed poll() {
        return ready.poll();
    }

    /** The next prepared file, waiting a moment for one; {@code null} if none came. */
    Hashed pollBriefly() throws InterruptedException {
        return ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether every worker has ended; read before a last {@link #poll()} so that nothing queued is missed. */
    boolean done() {
        return workersLeft.get() == 0;
    }
}
