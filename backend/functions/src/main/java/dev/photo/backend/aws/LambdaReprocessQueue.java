package dev.photo.backend.aws;

import dev.photo.backend.core.ReprocessBatch;
import dev.photo.backend.handler.ReprocessPayload;
import dev.photo.backend.port.ReprocessQueue;
import dev.photo.backend.port.ReprocessQueueException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link ReprocessQueue} as asynchronous invocations of the processor function ({@code InvocationType=Event}):
 * Lambda queues each batch and retries a failed invocation itself, and the API answers without waiting.
 */
public final class LambdaReprocessQueue implements ReprocessQueue {

    private final LambdaClient lambda;
    private final String functionName;

    /** @param functionName the processor's name or ARN ({@code PHOTO_PROCESSOR_FUNCTION}) */
    public LambdaReprocessQueue(LambdaClient lambda, String functionName) {
        this.lambda = lambda;
        this.functionName = functionName;
    }

    @Override
    public void send(ReprocessBatch batch) {
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(functionName)
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(ReprocessPayload.encode(batch))));
        } catch (SdkException e) {
            throw new ReprocessQueueException("cannot queue a reprocess batch of job " + batch.jobId(), e);
        }
        // an accepted asynchronous invocation answers 202
        if (response.statusCode() != 202) {
            throw new ReprocessQueueException("the processor refused a reprocess batch of job " + batch.jobId()
                    + " with status " + response.statusCode(), null);
        }
    }
}
