package dev.photo.backend.port;

/** The store has no multipart upload with this id for this key: never created, already completed, or aborted. */
public class NoSuchUploadException extends RuntimeException {

    public NoSuchUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
