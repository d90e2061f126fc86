package dev.photo.backend.port;

import dev.photo.backend.core.ReprocessJob;

import java.util.Optional;

/**
 * Reprocess jobs in the metadata store: created by the API, counted up by the processor as each photo finishes.
 * Counting is atomic, so processors running in parallel never lose a count.
 */
public interface ReprocessJobs {

    /** Records a new job with its matched and queued counts and nothing done yet. */
    void create(ReprocessJob job);

    Optional<ReprocessJob> get(String jobId);

    /** Counts one photo as processed again. */
    void recordDone(String jobId);

    /**
     * Counts one photo as failed; the first {@link ReprocessJob#MAX_FAILURES} failures are kept with their reason.
     */
    void recordFailed(String jobId, ReprocessJob.Failure failure);
}
