package dev.photo.backend.port;

/** The user pool failed in a way the caller cannot fix by changing its request. */
public class UserDirectoryException extends RuntimeException {

    public UserDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
