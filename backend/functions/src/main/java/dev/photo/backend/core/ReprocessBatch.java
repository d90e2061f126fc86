package dev.photo.backend.core;

import java.util.List;
import java.util.Objects;

/** Photos of one job for one processor invocation; small enough to finish well inside the function's timeout. */
public record ReprocessBatch(String jobId, List<PhotoRef> photos) {

    /** The most photos one batch holds. */
    public static final int MAX_PHOTOS = 20;

    public ReprocessBatch {
        Objects.requireNonNull(jobId, "jobId");
        photos = List.copyOf(photos);
        if (photos.isEmpty() || photos.size() > MAX_PHOTOS) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_PHOTOS + " photos");
        }
    }

    /** One photo by its owner and id. */
    public record PhotoRef(String owner, String photoId) {
    }
}
