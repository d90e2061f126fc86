package dev.photo.local.db;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.contract.PhotoQuery;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.core.SignedCursor;
import dev.photo.backend.core.StatusTransitions;
import dev.photo.backend.core.image.ImageMetadataJson;
import dev.photo.backend.port.PhotoRepository;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link PhotoRepository} on the local stack's SQLite file. Listing is by photo id descending (ids are UUIDv7, so
 * that is newest first); the cursor is the last id returned, signed for the owner and album. Counts are computed by
 * queries (SQLite is one file on one machine); they agree with the DynamoDB adapter's counters.
 */
public final class SqlitePhotoRepository implements PhotoRepository {

    /**
     * Fixed width, so that text order is time order ({@code MAX(uploaded_at)}) and every nanosecond survives the
     * round trip; {@link Instant#toString()} drops trailing zeros and would sort "05Z" after "05.5Z".
     */
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PHOTO_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String OWNERS_SCOPE = "owners";
    private static final String COLUMNS = "owner, photo_id, album, file_name, content_type, size, sha256, status,"
            + " uploaded_at, processed_at, width, height, taken_at, camera, thumbnail_sizes, error, details";

    private final Database db;
    private final SignedCursor cursors;

    /**
     * Cursors are signed with a key made for this instance: they stay valid while it lives. The local stack passes
     * the key it keeps in its data directory instead, so cursors outlive a restart.
     */
    public SqlitePhotoRepository(Database db) {
        this(db, randomKey());
    }

    public SqlitePhotoRepository(Database db, byte[] cursorKey) {
        this.db = db;
        this.cursors = new SignedCursor(cursorKey);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[SignedCursor.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public void put(Photo photo) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO photos (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, photo);
                ps.executeUpdate();
            } catch (SQLiteException e) {
                if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    throw new ConflictException("the owner already has a photo with this id or content");
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public boolean update(Photo given, PhotoStatus expected) {
        StatusTransitions.require(expected, given.status());
        return db.inTransaction(c -> {
            Optional<Photo> current = get(c, given.owner(), given.photoId());
            if (current.isEmpty() || current.get().status() != expected) {
                return false;
            }
            Photo photo = PhotoRepository.keepingAlbum(given, current.get());
            try (PreparedStatement ps = c.prepareStatement("UPDATE photos SET album = ?, file_name = ?,"
                    + " content_type = ?, size = ?, sha256 = ?, status = ?, uploaded_at = ?, processed_at = ?,"
                    + " width = ?, height = ?, taken_at = ?, camera = ?, thumbnail_sizes = ?, error = ?,"
                    + " details = ? WHERE owner = ? AND photo_id = ? AND status = ?")) {
                bindUpdate(ps, photo);
                ps.setString(18, expected.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Every owner's PENDING photos, oldest first. Only the local stack asks this, at start, to find uploads whose
     * processing an earlier run did not finish.
     */
    public List<Photo> pending() {
        return query("SELECT " + COLUMNS + " FROM photos WHERE status = ? ORDER BY photo_id", "PENDING");
    }

    @Override
    public Optional<Photo> get(String owner, String photoId) {
        return queryOne("SELECT " + COLUMNS + " FROM photos WHERE owner = ? AND photo_id = ?", owner, photoId);
    }

    @Override
    public Optional<Photo> findBySha256(String owner, String sha256) {
        return queryOne("SELECT " + COLUMNS + " FROM photos WHERE owner = ? AND sha256 = ?", owner, sha256);
    }

    @Override
    public Page<Photo> list(String owner, String album, PhotoFilter filter, int limit, String cursor) {
        requireLimit(limit);
        String scope = "list\n" + owner + "\n" + (album == null ? "" : album) + filter.scope();
        String after = cursor == null ? null : photoIdIn(cursors.verifyText(scope, cursor));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM photos WHERE owner = ?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (album != null) {
            sql.append(" AND album = ?");
            args.add(album);
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        // taken_at is null until processing: the API shows the upload time then, and the filter compares that
        String time = filter.by() == PhotoQuery.TimeField.uploaded ? "uploaded_at"
                : "COALESCE(taken_at, uploaded_at)";
        if (filter.since() != null) {
            sql.append(" AND ").append(time).append(" >= ?");
            args.add(text(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" AND ").append(time).append(" < ?");
            args.add(text(filter.until()));
        }
        if (after != null) {
            sql.append(" AND photo_id < ?");
            args.add(after);
        }
        sql.append(" ORDER BY photo_id DESC LIMIT ?");
        args.add(limit + 1);
        List<Photo> rows = query(sql.toString(), args.toArray());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Photo> page = rows.subList(0, limit);
        return new Page<>(page, cursors.signText(scope, page.get(limit - 1).photoId()));
    }

    /** One transaction per step: SQLite moves the photos and answers whether any are left at once. */
    @Override
    public AlbumRename renameAlbum(String owner, String from, String to, int max) {
        return db.inTransaction(c -> {
            int moved;
            try (PreparedStatement ps = c.prepareStatement("UPDATE photos SET album = ? WHERE owner = ? AND"
                    + " photo_id IN (SELECT photo_id FROM photos WHERE owner = ? AND album = ? ORDER BY photo_id"
                    + " LIMIT ?)")) {
                ps.setString(1, to);
                ps.setString(2, owner);
                ps.setString(3, owner);
                ps.setString(4, from);
                ps.setInt(5, max);
                moved = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM photos WHERE owner = ? AND album = ? LIMIT 1")) {
                ps.setString(1, owner);
                ps.setString(2, from);
                try (ResultSet rs = ps.executeQuery()) {
                    return new AlbumRename(moved, !rs.next());
                }
            }
        });
    }

    /** READY photos only: what the album shows once processing is done; the newest is the one with the highest id. */
    @Override
    public List<AlbumSummary> albums(String owner) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT album, COUNT(*), SUM(size),"
                    + " (SELECT n.uploaded_at FROM photos n WHERE n.owner = p.owner AND n.album = p.album"
                    + " AND n.status = 'READY' ORDER BY n.photo_id DESC LIMIT 1)"
                    + " FROM photos p WHERE owner = ? AND status = 'READY' GROUP BY album ORDER BY album")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AlbumSummary> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AlbumSummary(rs.getString(1), rs.getLong(2), rs.getLong(3),
                                instant(rs.getString(4))));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<Photo> move(String owner, String photoId, String newAlbum) {
        boolean moved = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE photos SET album = ? WHERE owner = ? AND photo_id = ?")) {
                ps.setString(1, newAlbum);
                ps.setString(2, owner);
                ps.setString(3, photoId);
                return ps.executeUpdate() == 1;
            }
        });
        return moved ? get(owner, photoId) : Optional.empty();
    }

    @Override
    public boolean delete(String owner, String photoId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM photos WHERE owner = ? AND photo_id = ?")) {
                ps.setString(1, owner);
                ps.setString(2, photoId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int expirePending(Instant uploadedBefore) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM photos WHERE status = 'PENDING' AND uploaded_at < ?")) {
                ps.setString(1, text(uploadedBefore));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Drops one photo if it is still PENDING: the local stack's sweep, once it has seen that the photo's bytes never
     * arrived. A photo the processor has moved on in the meantime is kept.
     */
    public boolean expireIfPending(String owner, String photoId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM photos WHERE owner = ? AND photo_id = ? AND status = 'PENDING'")) {
                ps.setString(1, owner);
                ps.setString(2, photoId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
        requireLimit(limit);
        String scope = "status\n" + status.name();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM photos WHERE status = ?");
        List<Object> args = new ArrayList<>(List.of(status.name()));
        if (cursor != null) {
            String[] position = cursors.verifyText(scope, cursor).split("#", 2);
            if (position.length != 2) {
                throw SignedCursor.invalid();
            }
            sql.append(" AND (uploaded_at > ? OR (uploaded_at = ? AND photo_id > ?))");
            args.addAll(List.of(position[0], position[0], position[1]));
        }
        sql.append(" ORDER BY uploaded_at, photo_id LIMIT ?");
        args.add(limit + 1);
        List<Photo> rows = query(sql.toString(), args.toArray());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        Photo last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit),
                cursors.signText(scope, text(last.uploadedAt()) + "#" + last.photoId()));
    }

    @Override
    public RepositoryStats stats() {
        Map<String, RepositoryStats> one = statsByOwner("SELECT '', status, COUNT(*), SUM(size) FROM photos"
                + " GROUP BY status");
        return one.getOrDefault("", RepositoryStats.of(0, Map.of()));
    }

    @Override
    public Page<OwnerStats> ownerStats(int limit, String cursor) {
        requireLimit(limit);
        String after = cursor == null ? "" : cursors.verifyText(OWNERS_SCOPE, cursor);
        Map<String, RepositoryStats> byOwner = statsByOwner("SELECT owner, status, COUNT(*), SUM(size) FROM photos"
                + " WHERE owner IN (SELECT DISTINCT owner FROM photos WHERE owner > ? ORDER BY owner LIMIT ?)"
                + " GROUP BY owner, status ORDER BY owner", after, limit + 1);
        List<OwnerStats> out = new ArrayList<>();
        byOwner.forEach((owner, stats) -> out.add(new OwnerStats(owner, stats)));
        if (out.size() <= limit) {
            return new Page<>(out, null);
        }
        List<OwnerStats> page = out.subList(0, limit);
        return new Page<>(page, cursors.signText(OWNERS_SCOPE, page.get(limit - 1).owner()));
    }

    /** Rows of (owner, status, count, bytes) folded into stats per owner, in row order. */
    private Map<String, RepositoryStats> statsByOwner(String sql, Object... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                Map<String, Map<PhotoStatus, Long>> counts = new LinkedHashMap<>();
                Map<String, Long> readyBytes = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String owner = rs.getString(1);
                        PhotoStatus status = PhotoStatus.valueOf(rs.getString(2));
                        counts.computeIfAbsent(owner, o -> new EnumMap<>(PhotoStatus.class)).put(status, rs.getLong(3));
                        readyBytes.merge(owner, status == PhotoStatus.READY ? rs.getLong(4) : 0L, Long::sum);
                    }
                }
                Map<String, RepositoryStats> out = new LinkedHashMap<>();
                counts.forEach((owner, byStatus) -> out.put(owner, RepositoryStats.of(readyBytes.get(owner),
                        byStatus)));
                return out;
            }
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new BadRequestException("invalid_limit", "limit must be at least 1");
        }
    }

    /** The record, read on the caller's connection inside its transaction. */
    private static Optional<Photo> get(Connection c, String owner, String photoId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM photos WHERE owner = ? AND photo_id = ?")) {
            ps.setString(1, owner);
            ps.setString(2, photoId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private Optional<Photo> queryOne(String sql, Object... args) {
        return query(sql, args).stream().findFirst();
    }

    private List<Photo> query(String sql, Object... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Photo> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    private static void bind(PreparedStatement ps, Photo p) throws SQLException {
        ps.setString(1, p.owner());
        ps.setString(2, p.photoId());
        bindFields(ps, p, 3);
    }

    private static void bindUpdate(PreparedStatement ps, Photo p) throws SQLException {
        bindFields(ps, p, 1);
        ps.setString(16, p.owner());
        ps.setString(17, p.photoId());
    }

    /** Every column but the key, in {@link #COLUMNS} order, from parameter {@code first} on. */
    private static void bindFields(PreparedStatement ps, Photo p, int first) throws SQLException {
        int i = first;
        ps.setString(i++, p.album());
        ps.setString(i++, p.fileName());
        ps.setString(i++, p.contentType());
        ps.setLong(i++, p.size());
        ps.setString(i++, p.sha256());
        ps.setString(i++, p.status().name());
        ps.setString(i++, text(p.uploadedAt()));
        ps.setString(i++, text(p.processedAt()));
        setInt(ps, i++, p.width());
        setInt(ps, i++, p.height());
        ps.setString(i++, text(p.takenAt()));
        ps.setString(i++, p.camera());
        ps.setString(i++, p.thumbnailSizes().stream().map(String::valueOf).collect(Collectors.joining(",")));
        ps.setString(i++, p.error());
        ps.setString(i, ImageMetadataJson.write(p.details()));
    }

    private static Photo read(ResultSet rs) throws SQLException {
        return new Photo(
                rs.getString("owner"),
                rs.getString("photo_id"),
                rs.getString("album"),
                rs.getString("file_name"),
                rs.getString("content_type"),
                rs.getLong("size"),
                rs.getString("sha256"),
                PhotoStatus.valueOf(rs.getString("status")),
                instant(rs.getString("uploaded_at")),
                instant(rs.getString("processed_at")),
                getInt(rs, "width"),
                getInt(rs, "height"),
                instant(rs.getString("taken_at")),
                rs.getString("camera"),
                sizes(rs.getString("thumbnail_sizes")),
                rs.getString("error"),
                ImageMetadataJson.read(rs.getString("details")));
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static Integer getInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static List<Integer> sizes(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Integer::valueOf).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : INSTANT_TEXT.format(instant);
    }

    private static Instant instant(String text) {
        return text == null ? null : INSTANT_TEXT.parse(text, Instant::from);
    }

    private static String photoIdIn(String position) {
        if (!PHOTO_ID.matcher(position).matches()) {
            throw SignedCursor.invalid();
        }
        return position;
    }
}
