package dev.photo.backend.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A reprocess job's counts. {@code done + failed} never exceeds {@code queued}; the job is finished when they
 * reach it.
 *
 * @param failures the first {@link #MAX_FAILURES} failures
 */
public record ReprocessJob(String jobId, Instant createdAt, long matched, long queued, long done, long failed,
                           List<Failure> failures) {

    public static final int MAX_FAILURES = 100;

    public ReprocessJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(createdAt, "createdAt");
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    public long pending() {
        return Math.max(0, queued - done - failed);
    }

    public boolean finished() {
        return pending() == 0;
    }

    /** One photo the job could not process, and why (written for the admin, never internal detail). */
    public record Failure(String owner, String photoId, String reason) {
    }
}
