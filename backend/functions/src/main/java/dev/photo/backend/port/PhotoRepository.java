package dev.photo.backend.port;

import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.RepositoryStats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Photo metadata. The owner's methods are scoped to one owner: nothing read through them crosses owners. The admin
 * methods ({@link #listByStatus}, {@link #stats}, {@link #ownerStats}) read across owners and are only for callers
 * that checked the caller is an admin.
 *
 * <p>At most one record exists per (owner, sha256). Every write is conditional on the state it moves from, so that
 * an S3 event delivered twice, or processed after its photo was deleted, changes nothing, and the counters behind
 * {@link #albums} and {@link #stats} stay exact. A status only moves as {@link dev.photo.backend.core.StatusTransitions}
 * allows.
 *
 * <p>Pages: a page holds at most {@code limit} items and may hold fewer, even none, while {@link Page#nextCursor()}
 * is not null (an adapter bounds the work one call does); callers follow {@code nextCursor} until it is null.
 * Cursors are opaque, signed and bound to the listing that issued them: any other cursor is refused with
 * {@link dev.photo.backend.core.BadRequestException} {@code invalid_cursor}.
 */
public interface PhotoRepository {

    /**
     * How long a PENDING record lives without becoming READY or REJECTED: an upload that never arrived. Longer than
     * the bucket keeps an unfinished multipart upload (1 day) plus the longest retry of an S3 event (6 hours), so a
     * record is never dropped while its bytes may still come.
     */
    Duration PENDING_LIFETIME = Duration.ofDays(2);

    /**
     * Records a new photo.
     *
     * @throws dev.photo.backend.core.ConflictException if the owner already has a record with this id or this sha256
     */
    void put(Photo photo);

    /**
     * Replaces the record with this owner and photo id only if it exists and its status is still {@code expected}
     * (compare-and-set): a writer that read the record earlier (the processor) never brings back a deleted photo
     * nor undoes another writer's move: the album stays the record's unless the update is an upload again (to
     * PENDING: a file presigned again, or sent again after it was REJECTED), the one update that may name an album.
     *
     * @return whether the record was there in the expected status and was replaced
     * @throws IllegalArgumentException if {@code expected} may not move to {@code photo.status()}
     */
    boolean update(Photo photo, PhotoStatus expected);

    Optional<Photo> get(String owner, String photoId);

    /**
     * What {@link #update} writes: {@code photo}, but in the album the record is in now unless the update is an upload
     * again (to PENDING). The processor works on a copy read before it started; a move since then must stand.
     */
    static Photo keepingAlbum(Photo photo, Photo current) {
        return photo.status() == PhotoStatus.PENDING || photo.album().equals(current.album()) ? photo
                : photo.inAlbum(current.album());
    }

    /** The owner's photo with this content hash, whatever its status. */
    Optional<Photo> findBySha256(String owner, String sha256);

    /**
     * The owner's photos newest first, optionally in one album.
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page of this owner and album, or null
     */
    default Page<Photo> list(String owner, String album, int limit, String cursor) {
        return list(owner, album, PhotoFilter.NONE, limit, cursor);
    }

    /**
     * The owner's photos newest first that {@code filter} keeps, optionally in one album. The filter is applied by
     * the store, page by page, so a page may be short or empty with a cursor; the cursor is bound to the filter.
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page of this owner, album and filter, or null
     */
    Page<Photo> list(String owner, String album, PhotoFilter filter, int limit, String cursor);

    /** The owner's albums by name, each with the count, bytes and newest upload time of its READY photos. */
    List<AlbumSummary> albums(String owner);

    /**
     * Moves the owner's photo to another album; the album counts follow.
     *
     * @return the moved photo, or empty if there is no such photo
     */
    Optional<Photo> move(String owner, String photoId, String newAlbum);

    /**
     * Moves at most {@code max} of the owner's photos from album {@code from} to album {@code to}, each as
     * {@link #move} does (counts follow, exact). An album {@code to} that already exists receives them: the two merge.
     * Each photo moves on its own, so a rename cut short leaves every photo in one album or the other, and calling
     * again moves the rest.
     *
     * @return how many moved, and whether {@code from} has none left
     */
    AlbumRename renameAlbum(String owner, String from, String to, int max);

    /** @return whether a record was there to delete */
    boolean delete(String owner, String photoId);

    /**
     * Deletes the PENDING records uploaded before {@code uploadedBefore}: uploads that never arrived. DynamoDB also
     * expires them by TTL; the local stack calls this at start and periodically.
     *
     * @return how many were deleted
     */
    int expirePending(Instant uploadedBefore);

    /** Every owner's photos in one status, oldest upload first (admin). */
    Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor);

    /** Counts over every owner (admin), from counters: no table scan. */
    RepositoryStats stats();

    /** Each owner with at least one record and their counts, by owner id (admin). */
    Page<OwnerStats> ownerStats(int limit, String cursor);
}
