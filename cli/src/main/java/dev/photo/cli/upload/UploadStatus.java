package dev.photo.cli.upload;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one file of an upload ended. */
public enum UploadStatus {
    /** The bytes are stored; processing follows. */
    UPLOADED,
    /** The user already has a photo with the same SHA-256; nothing was sent. */
    DUPLICATE,
    /** The API refused the entry (type, size, name), or its folder cannot be an album; the reason says which. */
    REJECTED,
    /** Reading, presigning or sending failed, after retries. */
    FAILED,
    /** Found while walking a folder but not taken (not a photo, a symbolic link, no album); never sent. */
    SKIPPED,
    /** {@code --dry-run}: the API would take it; nothing was sent or recorded. */
    WOULD_UPLOAD;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean succeeded() {
        return this == UPLOADED || this == DUPLICATE;
    }

    /** Whether this file was meant to be stored and is not: the outcomes that make an upload exit non-zero. */
    public boolean failure() {
        return this == REJECTED || this == FAILED;
    }
}
