package dev.photo.cli.upload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work of the transfer pool: whole files waiting for a PUT (a bounded queue, so presigning runs at most about
 * one batch ahead and URLs do not wait long enough to expire), and multipart uploads whose parts are handed out one
 * at a time. Parts of a started upload go first, so that it finishes and frees its place.
 */
final class TransferQueue {

    /** A piece of work for one transfer worker. */
    interface Task {
        void run() throws InterruptedException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<Task> files = new ArrayDeque<>();
    private final List<MultipartTransfer> uploads = new ArrayList<>();
    private final int fileCapacity;
    private final int uploadCapacity;
    private final int parallel;
    private boolean closed;
    private boolean stopped;

    TransferQueue(int parallel, int fileCapacity, int uploadCapacity) {
        this.parallel = parallel;
        this.fileCapacity = fileCapacity;
        this.uploadCapacity = uploadCapacity;
    }

    /** Queues a whole-file transfer, waiting for room; returns false if the queue stopped. */
    boolean addFile(Task task) throws InterruptedException {
        lock.lock();
        try {
            while (files.size() >= fileCapacity && !stopped) {
                room.await();
            }
            if (stopped) {
                return false;
            }
            files.add(task);
            work.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Adds a multipart upload whose parts workers then claim, waiting for room; false if the queue stopped. */
    boolean addUpload(MultipartTransfer upload) throws InterruptedException {
        lock.lock();
        try {
            while (uploads.size() >= uploadCapacity && !stopped) {
                room.await();
            }
            if (stopped) {
                return false;
            }
            uploads.add(upload);
            work.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next task, waiting for one; {@code null} when closed (or stopped) and nothing is left. */
    Task next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) {
                    return null;
                }
                for (MultipartTransfer upload : uploads) {
                    Task part = upload.claim();
                    if (part != null) {
                        return part;
                    }
                }
                Task file = files.poll();
                if (file != null) {
                    room.signal();
                    return file;
                }
                if (closed && uploads.isEmpty()) {
                    return null;
                }
                work.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A multipart upload ended (stored or failed): its place is free. */
    void finished(MultipartTransfer upload) {
        lock.lock();
        try {
            uploads.remove(upload);
            room.signalAll();
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether workers are about to run dry: fewer whole files queued than workers, and no part to claim. */
    boolean hungry() {
        lock.lock();
        try {
            if (files.size() >= parallel) {
                return false;
            }
            for (MultipartTransfer upload : uploads) {
                if (upload.hasUnclaimed()) {
                    return false;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** No more work will be added; workers end when what is queued is done. */
    void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out work (Ctrl-C, a fatal error); transfers in flight finish on their own. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            files.clear();
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
