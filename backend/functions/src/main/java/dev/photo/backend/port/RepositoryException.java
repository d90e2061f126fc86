package dev.photo.backend.port;

/** The metadata store failed (unreachable, throttled, or a write kept colliding): worth a retry, not the caller's fault. */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
