package dev.photo.contract;

import java.util.List;

/**
 * A reprocess job: the answer to {@code POST /admin/reprocess} and {@code GET /admin/reprocess/{jobId}}.
 *
 * @param jobId     null for a dry run, which records no job
 * @param matched   photos the selector matched
 * @param queued    photos handed to the processor
 * @param done      photos processed again (READY or REJECTED by the processor)
 * @param failed    photos that could not be processed: their original is gone or the processor failed
 * @param pending   queued photos not yet done or failed
 * @param finished  whether nothing is pending
 * @param createdAt ISO-8601 instant
 * @param failures  the first failures, each with its photo and reason
 */
public record ReprocessJobInfo(String jobId, boolean dryRun, long matched, long queued, long done, long failed,
                               long pending, boolean finished, String createdAt, List<Failure> failures) {

    public ReprocessJobInfo {
        failures = failures == null ? List.of() : List.copyOf(failures);
    }

    /** One photo a job could not process. */
    public record Failure(String owner, String photoId, String reason) {
    }
}
