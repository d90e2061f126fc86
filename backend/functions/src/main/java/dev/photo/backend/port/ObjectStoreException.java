package dev.photo.backend.port;

/** Object storage failed in a way the caller cannot fix by changing its request. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
