package dev.photo.cli.upload;

import dev.photo.files.SecureFiles;
import dev.photo.files.Sqlite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the client remembers between runs, in one SQLite file ({@code state.db}) in the profile's state directory
 * ({@code $XDG_STATE_HOME/photo/<profile>/}): the files already stored (path, size and modification time to SHA-256
 * and photo id), so a rerun skips them without reading them, and the journal of multipart uploads in progress, so a
 * killed run continues from its last stored part.
 *
 * <p>SQLite rather than JSON files: the cache grows to one row per file of a library (tens of thousands) and is
 * looked up once per file, and the journal changes once per part; a JSON file would be rewritten whole each time.
 * WAL with {@code synchronous=FULL} makes every commit durable (fsynced) before the call returns: a part is in the
 * journal before the next one starts. Cache rows are written in batches, since losing the last few only costs a
 * re-hash (the server answers {@code duplicate}). One connection, used under this object's lock.
 *
 * <p>Several runs of one profile may use the file at once (CI jobs do): reads hold no transaction and writes go
 * through {@link Sqlite#inTransaction}. The state only saves work, so it never fails an upload: a read that fails
 * counts as "nothing known" and a write that fails is dropped, each with one warning on the run's stderr; the server
 * still answers {@code duplicate} for what it has.
 */
public final class UploadState implements AutoCloseable {

    public static final String FILE = "state.db";
    private static final Logger LOG = LoggerFactory.getLogger(UploadState.class);
    private static final int CACHE_BATCH = 64;

    /** Each entry moves the schema one version up; never edit an entry once released, append a new one. */
    private static final List<String> MIGRATIONS = List.of(
            // IF NOT EXISTS: files made before the schema was versioned already have these tables
            """
            CREATE TABLE IF NOT EXISTS files (
                path     TEXT    NOT NULL PRIMARY KEY,
                size     INTEGER NOT NULL,
                modified INTEGER NOT NULL,
                sha256   TEXT    NOT NULL,
                photo_id TEXT,
                status   TEXT    NOT NULL);
            CREATE TABLE IF NOT EXISTS uploads (
                path      TEXT    NOT NULL PRIMARY KEY,
                size      INTEGER NOT NULL,
                modified  INTEGER NOT NULL,
                album     TEXT    NOT NULL,
                sha256    TEXT    NOT NULL,
                photo_id  TEXT    NOT NULL UNIQUE,
                upload_id TEXT    NOT NULL,
                part_size INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS upload_parts (
                photo_id    TEXT    NOT NULL,
                part_number INTEGER NOT NULL,
                sha256      TEXT    NOT NULL,
                etag        TEXT,
                PRIMARY KEY (photo_id, part_number))
            """);

    private final Connection db;
    private final PrintWriter warnings;
    private final List<Object[]> pendingCache = new ArrayList<>();
    private boolean ignoreStored;
    private boolean warned;

    private UploadState(Connection db, PrintWriter warnings) {
        this.db = db;
        this.warnings = warnings;
    }

    /**
     * Forgets everything about uploads in {@code dir}: the profile now points at another deployment, where neither
     * "already uploaded" nor an upload id of the old one means anything.
     */
    public static void discard(Path dir) {
        for (String name : List.of(FILE, FILE + "-wal", FILE + "-shm")) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + dir.resolve(name), e);
            }
        }
    }

    /**
     * Moves a profile's state from where earlier versions kept it ({@code <data dir>/client/<profile>/}) to
     * {@code dir}, once: only when {@code dir} has none yet.
     */
    public static void adoptLegacy(Path legacyDir, Path dir) {
        Path old = legacyDir.resolve(FILE);
        if (!Files.isRegularFile(old) || Files.exists(dir.resolve(FILE))) {
            return;
        }
        try {
            SecureFiles.createPrivateDirectory(dir);
            // the -wal file holds commits not yet in state.db: it moves first, so the new place never lacks it
            for (String name : List.of(FILE + "-wal", FILE + "-shm", FILE)) {
                if (Files.exists(legacyDir.resolve(name))) {
                    SecureFiles.moveAtomically(legacyDir.resolve(name), dir.resolve(name));
                }
            }
            LOG.debug("moved the upload state from {} to {}", legacyDir, dir);
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot move the upload state from {}; starting a new one", legacyDir, e);
        }
    }

    /** Opens (creating, 0700) the state in {@code dir}; warnings go to the log only. */
    public static UploadState open(Path dir) {
        return open(dir, null);
    }

    /**
     * Opens (creating, 0700) the state in {@code dir}. When the file cannot be opened, this run works with an empty
     * state in memory, after one warning on {@code warnings}.
     */
    public static UploadState open(Path dir, PrintWriter warnings) {
        try {
            SecureFiles.createPrivateDirectory(dir);
            return new UploadState(Sqlite.open(dir.resolve(FILE), Sqlite.Durability.FULL, MIGRATIONS), warnings);
        } catch (SQLException | UncheckedIOException e) {
            UploadState memory = inMemory(warnings);
            memory.warn("cannot open the upload cache in " + dir + " (" + e.getMessage()
                    + "); every file is hashed and declared again", e);
            return memory;
        }
    }

    private static UploadState inMemory(PrintWriter warnings) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
            try (var s = c.createStatement()) {
                for (String ddl : MIGRATIONS.get(0).split(";")) {
                    s.execute(ddl);
                }
            }
            return new UploadState(c, warnings);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory database: " + e.getMessage(), e);
        }
    }

    /**
     * From now on {@link #stored} knows nothing, so every file is read and hashed again ({@code --no-cache}). What
     * this run stores is still remembered.
     */
    public synchronized void ignoreStoredFiles() {
        ignoreStored = true;
    }

    /** What an earlier run stored for this exact file (same path, size and modification time). */
    public synchronized Optional<StoredFile> stored(FileKey key) {
        if (ignoreStored) {
            return Optional.empty();
        }
        try (PreparedStatement q = db.prepareStatement(
                "SELECT sha256, photo_id, status FROM files WHERE path = ? AND size = ? AND modified = ?")) {
            q.setString(1, key.path());
            q.setLong(2, key.size());
            q.setLong(3, key.modifiedMicros());
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(new StoredFile(r.getString(1), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            warn("cannot read the upload cache (" + e.getMessage() + "); hashing the file again", e);
            return Optional.empty();
        }
    }

    /** Remembers a stored file; written with the next batch (or {@link #flush()}). */
    public synchronized void remember(FileKey key, String sha256, String photoId, UploadStatus status) {
        pendingCache.add(new Object[]{key.path(), key.size(), key.modifiedMicros(), sha256, photoId,
                status.label()});
        if (pendingCache.size() >= CACHE_BATCH) {
            flush();
        }
    }

    /** Writes the remembered files not written yet; if that fails they are dropped (a rerun hashes them again). */
    public synchronized void flush() {
        if (pendingCache.isEmpty()) {
            return;
        }
        write("the upload cache", c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT OR REPLACE INTO files "
                    + "(path, size, modified, sha256, photo_id, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : pendingCache) {
                    for (int i = 0; i < row.length; i++) {
                        insert.setObject(i + 1, row[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        pendingCache.clear();
    }

    /** The multipart upload in progress for the file at this path, whatever its size and time now. */
    public synchronized Optional<MultipartJournal> journal(String path) {
        // one statement, so that the upload and its parts come from one snapshot without taking the write lock
        try (PreparedStatement q = db.prepareStatement("SELECT u.size, u.modified, u.album, u.sha256, u.photo_id, "
                + "u.upload_id, u.part_size, p.part_number, p.sha256, p.etag FROM uploads u "
                + "LEFT JOIN upload_parts p ON p.photo_id = u.photo_id WHERE u.path = ? ORDER BY p.part_number")) {
            q.setString(1, path);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                FileKey key = new FileKey(path, r.getLong(1), r.getLong(2));
                String album = r.getString(3);
                String sha256 = r.getString(4);
                String photoId = r.getString(5);
                String uploadId = r.getString(6);
                long partSize = r.getLong(7);
                List<String> parts = new ArrayList<>();
                Map<Integer, String> etags = new HashMap<>();
                do {
                    if (r.getString(9) != null) {
                        parts.add(r.getString(9));
                        if (r.getString(10) != null) {
                            etags.put(r.getInt(8), r.getString(10));
                        }
                    }
                } while (r.next());
                return Optional.of(new MultipartJournal(key, album, sha256, photoId, uploadId, partSize, parts,
                        etags));
            }
        } catch (SQLException e) {
            warn("cannot read the upload journal (" + e.getMessage() + "); large files start over", e);
            return Optional.empty();
        }
    }

    /** Records a multipart upload before its first part is sent (replacing any other for the same path). */
    public synchronized void begin(MultipartJournal journal) {
        write("the upload journal", c -> {
            delete(c, "DELETE FROM upload_parts WHERE photo_id IN (SELECT photo_id FROM uploads WHERE path = ?)",
                    journal.key().path());
            delete(c, "DELETE FROM uploads WHERE path = ?", journal.key().path());
            delete(c, "DELETE FROM upload_parts WHERE photo_id = ?", journal.photoId());
            delete(c, "DELETE FROM uploads WHERE photo_id = ?", journal.photoId());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO uploads (path, size, modified, album, "
                    + "sha256, photo_id, upload_id, part_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, journal.key().path());
                insert.setLong(2, journal.key().size());
                insert.setLong(3, journal.key().modifiedMicros());
                insert.setString(4, journal.album());
                insert.setString(5, journal.sha256());
                insert.setString(6, journal.photoId());
                insert.setString(7, journal.uploadId());
                insert.setLong(8, journal.partSize());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO upload_parts (photo_id, part_number, sha256, etag) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < journal.parts().size(); i++) {
                    insert.setString(1, journal.photoId());
                    insert.setInt(2, i + 1);
                    insert.setString(3, journal.parts().get(i));
                    insert.setString(4, journal.etags().get(i + 1));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Records a stored part; durable when this returns. */
    public synchronized void partStored(String photoId, int partNumber, String etag) {
        write("the upload journal", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE upload_parts SET etag = ? WHERE photo_id = ? AND part_number = ?")) {
                update.setString(1, etag);
                update.setString(2, photoId);
                update.setInt(3, partNumber);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets a multipart upload: it completed, or it can no longer be continued. */
    public synchronized void forget(String photoId) {
        write("the upload journal", c -> {
            delete(c, "DELETE FROM upload_parts WHERE photo_id = ?", photoId);
            delete(c, "DELETE FROM uploads WHERE photo_id = ?", photoId);
            return null;
        });
    }

    /**
     * Forgets the files stored as these photos and their unfinished multipart uploads: the photos were deleted,
     * so a later upload of the same file must send it again instead of skipping it as already stored.
     */
    public synchronized void forgetPhotos(Collection<String> photoIds) {
        flush();
        write("the upload cache", c -> {
            for (String photoId : photoIds) {
                delete(c, "DELETE FROM files WHERE photo_id = ?", photoId);
                delete(c, "DELETE FROM upload_parts WHERE photo_id = ?", photoId);
                delete(c, "DELETE FROM uploads WHERE photo_id = ?", photoId);
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            try {
                db.close();
            } catch (SQLException e) {
                LOG.debug("closing the upload state failed", e);
            }
        }
    }

    /** One write transaction; a failure is told once and otherwise ignored: the state only saves work. */
    private void write(String what, Sqlite.SqlWork<Void> work) {
        try {
            Sqlite.inTransaction(db, work);
        } catch (SQLException e) {
            warn("cannot write " + what + " (" + e.getMessage() + "); the upload goes on without it", e);
        }
    }

    private static void delete(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setString(1, value);
            delete.executeUpdate();
        }
    }

    private void warn(String message, Exception cause) {
        LOG.debug(message, cause);
        if (warned || warnings == null) {
            return;
        }
        warned = true;
        warnings.println("photo: warning: " + message);
        warnings.flush();
    }

    /** A file an earlier run stored: its SHA-256, photo id and how it ended ({@code uploaded}/{@code duplicate}). */
    public record StoredFile(String sha256, String photoId, String status) {
    }
}
