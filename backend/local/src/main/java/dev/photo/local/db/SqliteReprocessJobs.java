package dev.photo.local.db;

import dev.photo.backend.core.ReprocessJob;
import dev.photo.backend.port.ReprocessJobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ReprocessJobs} in the local stack's SQLite file; counts move in single UPDATE statements. */
public final class SqliteReprocessJobs implements ReprocessJobs {

    private final Database db;

    public SqliteReprocessJobs(Database db) {
        this.db = db;
    }

    @Override
    public void create(ReprocessJob job) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reprocess_jobs (job_id, created_at, matched,"
                    + " queued, done, failed) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, job.jobId());
                ps.setString(2, job.createdAt().toString());
                ps.setLong(3, job.matched());
                ps.setLong(4, job.queued());
                ps.setLong(5, job.done());
                ps.setLong(6, job.failed());
                ps.executeUpdate();
            }
            for (ReprocessJob.Failure failure : job.failures()) {
                insertFailure(c, job.jobId(), failure);
            }
            return null;
        });
    }

    @Override
    public Optional<ReprocessJob> get(String jobId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, matched, queued, done, failed"
                    + " FROM reprocess_jobs WHERE job_id = ?")) {
                ps.setString(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ReprocessJob(jobId, Instant.parse(rs.getString(1)), rs.getLong(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), failures(c, jobId)));
                }
            }
        });
    }

    @Override
    public void recordDone(String jobId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reprocess_jobs SET done = done + 1 WHERE job_id = ?")) {
                ps.setString(1, jobId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void recordFailed(String jobId, ReprocessJob.Failure failure) {
        db.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reprocess_jobs SET failed = failed + 1 WHERE job_id = ?")) {
                ps.setString(1, jobId);
                updated = ps.executeUpdate();
            }
            if (updated == 1) {
                insertFailure(c, jobId, failure);
            }
            return null;
        });
    }

    /** Keeps the first {@link ReprocessJob#MAX_FAILURES}; the count above says how many there were in all. */
    private static void insertFailure(Connection c, String jobId, ReprocessJob.Failure failure) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO reprocess_failures (job_id, seq, owner,"
                + " photo_id, reason) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ? FROM reprocess_failures"
                + " WHERE job_id = ? HAVING COUNT(*) < ?")) {
            ps.setString(1, jobId);
            ps.setString(2, failure.owner());
            ps.setString(3, failure.photoId());
            ps.setString(4, failure.reason());
            ps.setString(5, jobId);
            ps.setInt(6, ReprocessJob.MAX_FAILURES);
            ps.executeUpdate();
        }
    }

    private static List<ReprocessJob.Failure> failures(Connection c, String jobId) throws SQLException {
        List<ReprocessJob.Failure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, photo_id, reason FROM reprocess_failures"
                + " WHERE job_id = ? ORDER BY seq")) {
            ps.setString(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReprocessJob.Failure(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }
}
