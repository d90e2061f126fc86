package dev.photo.local.db;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.port.PhotoRepository;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@link PhotoRepository} on the local stack's SQLite file. Listing is by photo id descending (ids are UUIDv7, so
 * that is newest first); the cursor is the base64url of the last id returned.
 */
public final class SqlitePhotoRepository implements PhotoRepository {

    /**
     * Fixed width, so that text order is time order ({@code MAX(uploaded_at)}) and every nanosecond survives the
     * round trip; {@link Instant#toString()} drops trailing zeros and would sort "05Z" after "05.5Z".
     */
    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** A photo id, an owner id, or a photo id and owner joined by {@code ~} (listByStatus). */
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9-]{1,64}(~[A-Za-z0-9-]{1,64})?");
    private static final String COLUMNS = "owner, photo_id, album, file_name, content_type, size, sha256, status,"
            + " uploaded_at, processed_at, width, height, taken_at, camera, thumbnail_sizes, error";

    private final Database db;

    public SqlitePhotoRepository(Database db) {
        this.db = db;
    }

    @Override
    public void put(Photo photo) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO photos (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (owner, photo_id) DO UPDATE SET album = excluded.album,"
                    + " file_name = excluded.file_name, content_type = excluded.content_type, size = excluded.size,"
                    + " sha256 = excluded.sha256, status = excluded.status, uploaded_at = excluded.uploaded_at,"
                    + " processed_at = excluded.processed_at, width = excluded.width, height = excluded.height,"
                    + " taken_at = excluded.taken_at, camera = excluded.camera,"
                    + " thumbnail_sizes = excluded.thumbnail_sizes, error = excluded.error")) {
                bind(ps, photo);
                ps.executeUpdate();
            } catch (SQLiteException e) {
                if (e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE) {
                    // the only other unique key is (owner, sha256): this content is already stored under another id
                    throw new ConflictException("the owner already has a photo with this content");
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public boolean update(Photo photo) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE photos SET album = ?, file_name = ?,"
                    + " content_type = ?, size = ?, sha256 = ?, status = ?, uploaded_at = ?, processed_at = ?,"
                    + " width = ?, height = ?, taken_at = ?, camera = ?, thumbnail_sizes = ?, error = ?"
                    + " WHERE owner = ? AND photo_id = ?")) {
                bindUpdate(ps, photo);
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
    public Page<Photo> list(String owner, String album, int limit, String cursor) {
        if (limit < 1) {
            throw new BadRequestException("invalid_limit", "limit must be at least 1");
        }
        String after = cursor == null ? null : decodeCursor(cursor);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM photos WHERE owner = ?");
        List<Object> args = new ArrayList<>(List.of(owner));
        if (album != null) {
            sql.append(" AND album = ?");
            args.add(album);
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
        return new Page<>(page, encodeCursor(page.get(limit - 1).photoId()));
    }

    @Override
    public List<AlbumSummary> albums(String owner) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT album, COUNT(*), SUM(size), MAX(uploaded_at)"
                    + " FROM photos WHERE owner = ? GROUP BY album ORDER BY album")) {
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
    public boolean delete(String owner, String photoId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM photos WHERE owner = ? AND photo_id = ?")) {
                ps.setString(1, owner);
                ps.setString(2, photoId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    // --- admin reads across owners ---

    @Override
    public Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
        String[] after = cursor == null ? null : decodeCursor(cursor).split("~", 2);
        if (after != null && after.length != 2) {
            throw new BadRequestException("invalid_cursor", "the cursor is not valid");
        }
        List<Photo> rows = after == null
                ? query("SELECT " + COLUMNS + " FROM photos WHERE status = ? ORDER BY photo_id, owner LIMIT ?",
                        status.name(), limit + 1)
                : query("SELECT " + COLUMNS + " FROM photos WHERE status = ? AND (photo_id, owner) > (?, ?)"
                        + " ORDER BY photo_id, owner LIMIT ?", status.name(), after[0], after[1], limit + 1);
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Photo> page = rows.subList(0, limit);
        Photo last = page.get(limit - 1);
        return new Page<>(page, encodeCursor(last.photoId() + "~" + last.owner()));
    }

    @Override
    public RepositoryStats stats() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), SUM(size) FROM photos"
                    + " GROUP BY status")) {
                try (ResultSet rs = ps.executeQuery()) {
                    return statsOf(rs);
                }
            }
        });
    }

    @Override
    public Page<OwnerStats> ownerStats(int limit, String cursor) {
        String after = cursor == null ? "" : decodeCursor(cursor);
        return db.inTransaction(c -> {
            List<String> owners = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT owner FROM photos WHERE owner > ?"
                    + " ORDER BY owner LIMIT ?")) {
                ps.setString(1, after);
                ps.setInt(2, limit + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owners.add(rs.getString(1));
                    }
                }
            }
            List<OwnerStats> page = new ArrayList<>();
            for (String owner : owners.subList(0, Math.min(limit, owners.size()))) {
                try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), SUM(size) FROM photos"
                        + " WHERE owner = ? GROUP BY status")) {
                    ps.setString(1, owner);
                    try (ResultSet rs = ps.executeQuery()) {
                        page.add(new OwnerStats(owner, statsOf(rs)));
                    }
                }
            }
            String next = owners.size() > limit ? encodeCursor(page.get(limit - 1).owner()) : null;
            return new Page<>(page, next);
        });
    }

    /** Rows of (status, count, bytes); bytes count READY photos only, the ones whose originals are kept. */
    private static RepositoryStats statsOf(ResultSet rs) throws SQLException {
        Map<PhotoStatus, Long> counts = new EnumMap<>(PhotoStatus.class);
        long total = 0;
        long bytes = 0;
        while (rs.next()) {
            PhotoStatus status = PhotoStatus.valueOf(rs.getString(1));
            counts.put(status, rs.getLong(2));
            total += rs.getLong(2);
            if (status == PhotoStatus.READY) {
                bytes = rs.getLong(3);
            }
        }
        return new RepositoryStats(total, bytes, counts);
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
        ps.setString(15, p.owner());
        ps.setString(16, p.photoId());
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
        ps.setString(i, p.error());
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
                rs.getString("error"));
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

    private static String encodeCursor(String photoId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(photoId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (CURSOR.matcher(id).matches()) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a well-formed but foreign cursor
        }
        throw new BadRequestException("invalid_cursor", "the cursor is not valid");
    }
}
