package dev.photo.backend.fakes;

import dev.photo.backend.core.ReprocessBatch;
import dev.photo.backend.port.ReprocessQueue;
import dev.photo.backend.port.ReprocessQueueException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link ReprocessQueue} that keeps what it was sent and hands each batch to a consumer at once (a processor
 * in tests that want the work done), or refuses batches after {@link #refuseFrom}.
 */
public final class RecordingReprocessQueue implements ReprocessQueue {

    private final List<ReprocessBatch> sent = new ArrayList<>();
    private Consumer<ReprocessBatch> consumer = batch -> { };
    private int refuseFrom = Integer.MAX_VALUE;
    private int attempts;

    public RecordingReprocessQueue deliverTo(Consumer<ReprocessBatch> processor) {
        this.consumer = processor;
        return this;
    }

    /** Batches from the {@code n}th (0-based) on are refused. */
    public RecordingReprocessQueue refuseFrom(int n) {
        this.refuseFrom = n;
        return this;
    }

    @Override
    public synchronized void send(ReprocessBatch batch) {
        if (attempts++ >= refuseFrom) {
            throw new ReprocessQueueException("queue refused the batch", null);
        }
        sent.add(batch);
        consumer.accept(batch);
    }

    public synchronized List<ReprocessBatch> sent() {
        return List.copyOf(sent);
    }
}
