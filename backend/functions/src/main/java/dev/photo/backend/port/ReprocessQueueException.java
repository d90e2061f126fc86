package dev.photo.backend.port;

/** A reprocess batch could not be handed to the processor. */
public class ReprocessQueueException extends RuntimeException {

    public ReprocessQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
