package dev.photo.backend.core;

import dev.photo.contract.PhotoQuery.TimeField;
import dev.photo.contract.PhotoStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * What a listing keeps besides the owner and album: one status, and a time window on the photo's taken-at (the
 * upload time when it has none, as the API shows it) or on its upload time. Any part may be null: no bound.
 *
 * @param since inclusive
 * @param until exclusive
 */
public record PhotoFilter(PhotoStatus status, Instant since, Instant until, TimeField by) {

    /** Keeps everything. */
    public static final PhotoFilter NONE = new PhotoFilter(null, null, null, TimeField.taken);

    public PhotoFilter {
        Objects.requireNonNull(by, "by");
    }

    public boolean isNone() {
        return status == null && since == null && until == null;
    }

    /** The time this filter's window compares with. */
    public Instant timeOf(Photo photo) {
        if (by == TimeField.uploaded || photo.takenAt() == null) {
            return photo.uploadedAt();
        }
        return photo.takenAt();
    }

    public boolean keeps(Photo photo) {
        if (status != null && photo.status() != status) {
            return false;
        }
        Instant t = timeOf(photo);
        return (since == null || !t.isBefore(since)) && (until == null || t.isBefore(until));
    }

    /**
     * Text that tells one filter from another, for binding a cursor to the listing that issued it; empty for
     * {@link #NONE}, so that cursors of unfiltered listings stay as they were.
     */
    public String scope() {
        if (isNone()) {
            return "";
        }
        return "\n" + (status == null ? "" : status.name()) + "\n" + (since == null ? "" : since) + "\n"
                + (until == null ? "" : until) + "\n" + by.name();
    }
}
