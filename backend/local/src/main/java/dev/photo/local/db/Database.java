package dev.photo.local.db;

import dev.photo.local.support.SecureFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The local stack's one SQLite file: photo metadata, users and refresh tokens. One connection, used by one thread at
 * a time: the API and the processor share it, and SQLite serialises writers anyway. WAL and a busy timeout let a
 * second process (a CLI reading while {@code photo local serve} writes) wait instead of failing.
 */
public final class Database implements AutoCloseable {

    /** Each entry moves the schema one version up; never edit an entry once released, append a new one. */
    private static final List<String> MIGRATIONS = List.of(
            """
            CREATE TABLE photos (
                owner           TEXT    NOT NULL,
                photo_id        TEXT    NOT NULL,
                album           TEXT    NOT NULL,
                file_name       TEXT    NOT NULL,
                content_type    TEXT    NOT NULL,
                size            INTEGER NOT NULL,
                sha256          TEXT    NOT NULL,
                status          TEXT    NOT NULL,
                uploaded_at     TEXT    NOT NULL,
                processed_at    TEXT,
                width           INTEGER,
                height          INTEGER,
                taken_at        TEXT,
                camera          TEXT,
                thumbnail_sizes TEXT    NOT NULL,
                error           TEXT,
                PRIMARY KEY (owner, photo_id)
            );
            CREATE UNIQUE INDEX photos_by_content ON photos (owner, sha256);
            CREATE INDEX photos_by_album ON photos (owner, album, photo_id);
            CREATE TABLE users (
                username      TEXT NOT NULL PRIMARY KEY,
                sub           TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                groups_json   TEXT NOT NULL,
                created_at    TEXT NOT NULL
            );
            CREATE TABLE refresh_tokens (
                token_hash TEXT    NOT NULL PRIMARY KEY,
                username   TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
                client_id  TEXT    NOT NULL,
                origin_jti TEXT    NOT NULL,
                auth_time  INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            """,
            // 2: admin tasks. A user made by an admin must change the temporary password at the first login; a
            // disabled one can neither log in nor refresh. Reprocess jobs count what the processor did.
            """
            ALTER TABLE users ADD COLUMN email TEXT;
            ALTER TABLE users ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE reprocess_jobs (
                job_id     TEXT    NOT NULL PRIMARY KEY,
                created_at TEXT    NOT NULL,
                matched    INTEGER NOT NULL,
                queued     INTEGER NOT NULL,
                done       INTEGER NOT NULL DEFAULT 0,
                failed     INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE reprocess_failures (
                job_id   TEXT NOT NULL REFERENCES reprocess_jobs (job_id) ON DELETE CASCADE,
                seq      INTEGER NOT NULL,
                owner    TEXT NOT NULL,
                photo_id TEXT NOT NULL,
                reason   TEXT NOT NULL,
                PRIMARY KEY (job_id, seq)
            );
            """);

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the database file and brings its schema up to date. The file is made owner-only
     * before SQLite sees it, so that its journal files, which SQLite creates with the database's mode, are too.
     */
    public static Database open(Path file) {
        SecureFiles.createPrivateFile(file);
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 5000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            Database db = new Database(c);
            db.migrate();
            return db;
        } catch (SQLException e) {
            throw new DatabaseException("cannot open " + file.getFileName(), e);
        }
    }

    /** Runs {@code work} with the connection held exclusively, inside one transaction. */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("database operation failed", e);
        }
    }

    /** The schema version this file is at. */
    public synchronized int schemaVersion() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read schema version", e);
        }
    }

    private void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                        + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            }
            int current;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            if (current > MIGRATIONS.size()) {
                throw new DatabaseException("database schema " + current + " is newer than this program knows", null);
            }
            for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                try (Statement s = c.createStatement()) {
                    for (String ddl : MIGRATIONS.get(v - 1).split(";")) {
                        if (!ddl.isBlank()) {
                            s.execute(ddl);
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    ps.setInt(1, v);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DatabaseException("cannot close database", e);
        }
    }

    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
