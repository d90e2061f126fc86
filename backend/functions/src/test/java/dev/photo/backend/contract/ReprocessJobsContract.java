package dev.photo.backend.contract;

import dev.photo.backend.core.ReprocessJob;
import dev.photo.backend.port.ReprocessJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ReprocessJobs} adapter must do; each adapter's test supplies a fresh store. */
public abstract class ReprocessJobsContract {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    private ReprocessJobs jobs;

    protected abstract ReprocessJobs newJobs() throws Exception;

    /** How many threads count at once; an emulator without isolation between requests may need 1. */
    protected int parallelism() {
        return 4;
    }

    @BeforeEach
    void setUp() throws Exception {
        jobs = newJobs();
    }

    private String newJob(long queued) {
        String id = UUID.randomUUID().toString();
        jobs.create(new ReprocessJob(id, T0, queued, queued, 0, 0, List.of()));
        return id;
    }

    @Test
    void a_new_job_reads_back_with_nothing_done() {
        String id = newJob(3);

        ReprocessJob job = jobs.get(id).orElseThrow();
        assertThat(job).isEqualTo(new ReprocessJob(id, T0, 3, 3, 0, 0, List.of()));
        assertThat(job.finished()).isFalse();
        assertThat(job.pending()).isEqualTo(3);
    }

    @Test
    void counts_from_parallel_processors_are_never_lost() throws Exception {
        String id = newJob(40);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism());
        for (int i = 0; i < 40; i++) {
            int n = i;
            pool.execute(() -> {
                if (n % 4 == 0) {
                    jobs.recordFailed(id, new ReprocessJob.Failure("o", "p" + n, "gone"));
                } else {
                    jobs.recordDone(id);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        ReprocessJob job = jobs.get(id).orElseThrow();
        assertThat(job.done()).isEqualTo(30);
        assertThat(job.failed()).isEqualTo(10);
        assertThat(job.failures()).hasSize(10);
        assertThat(job.finished()).isTrue();
    }

    @Test
    void keeps_only_the_first_failures_but_counts_them_all() {
        String id = newJob(ReprocessJob.MAX_FAILURES + 5);
        for (int i = 0; i < ReprocessJob.MAX_FAILURES + 5; i++) {
            jobs.recordFailed(id, new ReprocessJob.Failure("o", "p" + i, "gone"));
        }

        ReprocessJob job = jobs.get(id).orElseThrow();
        assertThat(job.failed()).isEqualTo(ReprocessJob.MAX_FAILURES + 5);
        assertThat(job.failures()).hasSize(ReprocessJob.MAX_FAILURES);
        assertThat(job.failures().get(0)).isEqualTo(new ReprocessJob.Failure("o", "p0", "gone"));
    }

    @Test
    void an_unknown_job_is_empty_and_counting_it_creates_nothing() {
        String id = UUID.randomUUID().toString();
        jobs.recordDone(id);
        jobs.recordFailed(id, new ReprocessJob.Failure("o", "p", "gone"));

        assertThat(jobs.get(id)).isEmpty();
    }
}
