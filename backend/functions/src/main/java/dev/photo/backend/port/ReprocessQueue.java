package dev.photo.backend.port;

import dev.photo.backend.core.ReprocessBatch;

/**
 * Hands a batch of photos to the processor without waiting for it: on AWS an asynchronous invocation of the
 * processor function, on the local stack its executor. The processor records each photo's outcome in
 * {@link ReprocessJobs}.
 */
public interface ReprocessQueue {

    /**
     * Queues one batch.
     *
     * @throws ReprocessQueueException if the batch could not be handed over
     */
    void send(ReprocessBatch batch);
}
