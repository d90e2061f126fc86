package dev.photo.backend.fakes;

import dev.photo.backend.core.ReprocessJob;
import dev.photo.backend.port.ReprocessJobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReprocessJobs} in a map. */
public final class InMemoryReprocessJobs implements ReprocessJobs {

    private final Map<String, ReprocessJob> jobs = new ConcurrentHashMap<>();

    @Override
    public void create(ReprocessJob job) {
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new IllegalStateException("job " + job.jobId() + " exists");
        }
    }

    @Override
    public Optional<ReprocessJob> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public void recordDone(String jobId) {
        jobs.computeIfPresent(jobId, (id, j) -> new ReprocessJob(id, j.createdAt(), j.matched(), j.queued(),
                j.done() + 1, j.failed(), j.failures()));
    }

    @Override
    public void recordFailed(String jobId, ReprocessJob.Failure failure) {
        jobs.computeIfPresent(jobId, (id, j) -> {
            List<ReprocessJob.Failure> failures = new ArrayList<>(j.failures());
            if (failures.size() < ReprocessJob.MAX_FAILURES) {
                failures.add(failure);
            }
            return new ReprocessJob(id, j.createdAt(), j.matched(), j.queued(), j.done(), j.failed() + 1, failures);
        });
    }
}
