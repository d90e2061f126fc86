package dev.photo.local.db;

/** The embedded database failed: a broken file, a full disk, or a bug, never something a caller can fix. */
public final class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
