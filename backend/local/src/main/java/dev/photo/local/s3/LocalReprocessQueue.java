package dev.photo.local.s3;

import dev.photo.backend.core.ReprocessBatch;
import dev.photo.backend.handler.ReprocessPayload;
import dev.photo.backend.port.ReprocessQueue;
import dev.photo.backend.port.ReprocessQueueException;

import java.util.concurrent.RejectedExecutionException;

/** {@link ReprocessQueue} on the local stack: the processor function's executor, as an async invoke would be. */
public final class LocalReprocessQueue implements ReprocessQueue {

    private final ProcessorInvoker invoker;

    public LocalReprocessQueue(ProcessorInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public void send(ReprocessBatch batch) {
        try {
            invoker.invokeAsync(ReprocessPayload.encode(batch), "reprocess job " + batch.jobId());
        } catch (RejectedExecutionException e) {
            throw new ReprocessQueueException("the local stack is shutting down", e);
        }
    }
}
