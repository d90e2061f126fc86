package dev.photo.backend.port;

import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;

import java.util.List;
import java.util.Optional;

/**
 * Photo metadata. Every query is scoped to one owner: there is no way to read across owners through this port.
 * At most one record exists per (owner, sha256); {@link #put} of a second record with the same pair fails with
 * {@link dev.photo.backend.core.ConflictException}.
 */
public interface PhotoRepository {

    /** Inserts or replaces the record with this owner and photo id. */
    void put(Photo photo);

    /**
     * Replaces the record with this owner and photo id only if it still exists: a writer that read the record
     * earlier (the processor) must never bring back a photo its owner deleted meanwhile.
     *
     * @return whether a record was there to replace
     */
    boolean update(Photo photo);

    Optional<Photo> get(String owner, String photoId);

    /** The owner's photo with this content hash, whatever its status. */
    Optional<Photo> findBySha256(String owner, String sha256);

    /**
     * The owner's photos newest first, optionally in one album.
     *
     * @param cursor the {@link Page#nextCursor()} of the previous page, or null for the first page
     * @throws dev.photo.backend.core.BadRequestException if the cursor is not one this adapter issued
     */
    Page<Photo> list(String owner, String album, int limit, String cursor);

    /** The owner's albums by name, each with its photo count. */
    List<AlbumSummary> albums(String owner);

    /** @return whether a record was there to delete */
    boolean delete(String owner, String photoId);

    // --- admin reads across owners (only for callers that checked the caller is an admin) ---

    /** Every owner's photos in one status. */
    Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor);

    /** Counts over every owner. */
    RepositoryStats stats();

    /** Each owner with at least one record and their counts, by owner id. */
    Page<OwnerStats> ownerStats(int limit, String cursor);
}
