package dev.photo.cli.upload;

import java.util.concurrent.atomic.AtomicLong;

/** Adds up what the engine reports. */
final class CountingListener implements UploadListener {

    final AtomicLong hashed = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong resumed = new AtomicLong();
    final AtomicLong finished = new AtomicLong();

    @Override
    public void hashed(long bytes) {
        hashed.addAndGet(bytes);
    }

    @Override
    public void sent(long bytes) {
        sent.addAndGet(bytes);
    }

    @Override
    public void resumed(long bytes) {
        resumed.addAndGet(bytes);
    }

    @Override
    public void finished(LocalFile file, UploadOutcome outcome) {
        finished.incrementAndGet();
    }
}
