package dev.photo.cli.upload;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one file of an upload ended. */
public enum UploadStatus {
    /** The bytes are stored; processing follows. */
    UPLOADED,
    /** The user already has a photo with the same SHA-256; nothing was sent. */
    DUPLICATE,
    /** The API refused the entry (type, size, name); the reason is the API's. */
    REJECTED,
    /** Reading, presigning or sending failed, after retries. */
    FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean succeeded() {
        return this == UPLOADED || this == DUPLICATE;
    }
}
