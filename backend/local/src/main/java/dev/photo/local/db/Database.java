package dev.photo.local.db;

import dev.photo.files.Sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The local stack's one SQLite file: photo metadata, users and refresh tokens. One connection, used by one thread at
 * a time: the API and the processor share it, and SQLite serialises writers anyway. Opened through {@link Sqlite}, as
 * the CLI's upload state is: WAL, a busy timeout and immediate write transactions let a second process wait instead
 * of failing.
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
            // 2: the processor's details (date source and offset, lens, exposure, GPS, note) as one JSON value
            """
            ALTER TABLE photos ADD COLUMN details TEXT
            """);

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    /**
     * Opens (creating if needed, owner-only, so that the journal files SQLite makes with the database's mode are too)
     * the database file and brings its schema up to date.
     */
    public static Database open(Path file) {
        try {
            return new Database(Sqlite.open(file, Sqlite.Durability.NORMAL, MIGRATIONS));
        } catch (SQLException e) {
            throw new DatabaseException("cannot open " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with the connection held exclusively, inside one write transaction; retried from the start
     * while another process (a second stack on the same data directory) keeps the file busy.
     */
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            return Sqlite.inTransaction(connection, work::run);
        } catch (SQLException e) {
            throw new DatabaseException("database operation failed", e);
        }
    }

    /** The schema version this file is at. */
    public synchronized int schemaVersion() {
        try {
            return Sqlite.schemaVersion(connection);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read schema version", e);
        }
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
