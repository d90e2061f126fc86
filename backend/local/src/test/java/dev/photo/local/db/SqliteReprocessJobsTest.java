package dev.photo.local.db;

import dev.photo.backend.core.ReprocessJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteReprocessJobsTest {

    @TempDir
    Path dir;

    private Database db;
    private SqliteReprocessJobs jobs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("photo.db"));
        jobs = new SqliteReprocessJobs(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void counts_from_parallel_processors_are_never_lost() throws Exception {
        jobs.create(new ReprocessJob("job-1", Instant.parse("2026-01-01T00:00:00Z"), 200, 200, 0, 0, List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 200; i++) {
            int n = i;
            pool.execute(() -> {
                if (n % 4 == 0) {
                    jobs.recordFailed("job-1", new ReprocessJob.Failure("o", "p" + n, "gone"));
                } else {
                    jobs.recordDone("job-1");
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        ReprocessJob job = jobs.get("job-1").orElseThrow();
        assertThat(job.done()).isEqualTo(150);
        assertThat(job.failed()).isEqualTo(50);
        assertThat(job.failures()).hasSize(50);
        assertThat(job.finished()).isTrue();
    }

    @Test
    void keeps_only_the_first_failures_but_counts_them_all() {
        jobs.create(new ReprocessJob("job-2", Instant.parse("2026-01-01T00:00:00Z"), 150, 150, 0, 0, List.of()));
        for (int i = 0; i < 150; i++) {
            jobs.recordFailed("job-2", new ReprocessJob.Failure("o", "p" + i, "gone"));
        }

        ReprocessJob job = jobs.get("job-2").orElseThrow();
        assertThat(job.failed()).isEqualTo(150);
        assertThat(job.failures()).hasSize(ReprocessJob.MAX_FAILURES);
        assertThat(job.failures().get(0).photoId()).isEqualTo("p0");
    }

    @Test
    void an_unknown_job_is_empty_and_counting_it_changes_nothing() {
        jobs.recordDone("nope");
        jobs.recordFailed("nope", new ReprocessJob.Failure("o", "p", "gone"));

        assertThat(jobs.get("nope")).isEmpty();
    }
}
