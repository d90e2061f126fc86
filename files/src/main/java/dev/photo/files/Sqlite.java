package dev.photo.files;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Opens an SQLite file the way photo uses them, for the CLI's upload state and the local stack's database alike:
 * owner-only, WAL, a busy timeout, the schema brought up to date by numbered migrations, and write transactions
 * that several processes can run at once.
 *
 * <p>Why writes go through {@link #inTransaction}: a connection left in JDBC's manual-commit mode holds a read
 * snapshot from its first query, and in WAL mode a transaction that read an old snapshot cannot become a writer
 * once another process has committed: SQLite fails it at once with {@code SQLITE_BUSY_SNAPSHOT}, busy timeout or
 * not. So connections stay in auto-commit (each read sees the latest data and holds nothing), and a write starts with
 * {@code BEGIN IMMEDIATE}, which takes the write lock first (waiting up to the busy timeout) and is retried while the
 * database stays busy.
 */
public final class Sqlite {

    /** How long one statement waits for another process's lock before SQLite says busy. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** How long a transaction is tried again, in all, while the database stays busy. */
    static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private Sqlite() {
    }

    /** When a commit is on disk. */
    public enum Durability {
        /** fsynced before the commit returns: a journal entry survives a power cut. */
        FULL,
        /** fsynced at checkpoints: a power cut may lose the last commits, never corrupts. */
        NORMAL
    }

    /**
     * Opens {@code file} (creating it 0600 if missing; its directory must exist) and applies every migration the file
     * has not seen yet, each once, in order, in one transaction.
     *
     * @param migrations each entry moves the schema one version up (statements separated by {@code ;}); never edit
     *                   an entry once released, append a new one
     */
    public static Connection open(Path file, Durability durability, List<String> migrations) throws SQLException {
        SecureFiles.createPrivateFile(file);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            }
            // switching to WAL needs a moment of exclusive access when several processes open a new file together
            retrying(() -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = WAL");
                }
                return null;
            });
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous = " + durability.name());
                s.execute("PRAGMA foreign_keys = ON");
            }
            migrate(c, migrations);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}), committed when it returns and rolled back
     * when it throws; retried from the start while another process keeps the database busy. The caller serialises
     * use of {@code c} among its own threads.
     */
    public static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        return retrying(() -> {
            execute(c, "BEGIN IMMEDIATE");
            try {
                T result = work.run(c);
                execute(c, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        });
    }

    /** The highest migration applied to the file the connection is on. */
    public static int schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Whether the failure is another connection holding the database (worth trying again), not a real error. */
    public static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        String message = String.valueOf(e.getMessage());
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED
                || message.contains("SQLITE_BUSY") || message.contains("database is locked");
    }

    private static void migrate(Connection c, List<String> migrations) throws SQLException {
        if (upToDate(c, migrations.size())) {
            // the common case takes no write lock, so that opening never waits for another process's writes
            return;
        }
        inTransaction(c, tx -> {
            execute(tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            int current = schemaVersion(tx);
            if (current > migrations.size()) {
                throw new SQLException("schema version " + current + " is newer than this program knows ("
                        + migrations.size() + ")");
            }
            for (int v = current + 1; v <= migrations.size(); v++) {
                for (String ddl : migrations.get(v - 1).split(";")) {
                    if (!ddl.isBlank()) {
                        execute(tx, ddl);
                    }
                }
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    ps.setInt(1, v);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static boolean upToDate(Connection c, int latest) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
            if (!rs.next()) {
                return false;
            }
        }
        return schemaVersion(c) == latest;
    }

    private static <T> T retrying(SqlCall<T> call) throws SQLException {
        long deadline = System.nanoTime() + RETRY_FOR.toNanos();
        long pauseMillis = 5;
        while (true) {
            try {
                return call.run();
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                // a little jitter, so that processes that collided do not collide again in step
                Thread.sleep(pauseMillis + (long) (Math.random() * pauseMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while the database was busy", e);
            }
            pauseMillis = Math.min(200, pauseMillis * 2);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            } else {
                execute(c, "ROLLBACK");
            }
        } catch (SQLException e) {
            // BEGIN itself failed, or SQLite already rolled back: nothing is open
            cause.addSuppressed(e);
        }
    }

    /** A unit of work on the connection, inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    private interface SqlCall<T> {
        T run() throws SQLException;
    }
}
