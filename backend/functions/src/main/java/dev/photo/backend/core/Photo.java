package dev.photo.backend.core;

import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.contract.PhotoStatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One photo's metadata record. Object keys are derived from {@code owner} and {@code photoId} by {@link Keys};
 * nothing a user typed ever becomes part of a key.
 *
 * @param owner          the Cognito {@code sub} of the owner, taken from verified token claims only
 * @param photoId        time-ordered id (UUIDv7), so ordering by id is ordering by upload time
 * @param album          album name, validated by {@link Validation#album(String)}
 * @param fileName       the original file name (path parts stripped), given back on download
 * @param contentType    declared at upload, replaced by the sniffed type once processed
 * @param size           bytes
 * @param sha256         lower-case hex SHA-256 of the content, as declared and signed at presign time
 * @param status         lifecycle state
 * @param uploadedAt     when the upload was presigned
 * @param processedAt    when the processor last finished with it, or null
 * @param width          pixel width after orientation, or null
 * @param height         pixel height after orientation, or null
 * @param takenAt        EXIF original date-time, or null
 * @param camera         EXIF make and model, or null
 * @param thumbnailSizes longest-side sizes of the thumbnails that exist, ascending
 * @param error          why the processor rejected it, or null
 * @param details        what the processor read beyond the above (date source and offset, lens, exposure, GPS, a
 *                       note), or null before processing; one nested value so each repository stores one attribute.
 *                       Its GPS is the owner's alone: listings drop it
 */
public record Photo(
        String owner,
        String photoId,
        String album,
        String fileName,
        String contentType,
        long size,
        String sha256,
        PhotoStatus status,
        Instant uploadedAt,
        Instant processedAt,
        Integer width,
        Integer height,
        Instant takenAt,
        String camera,
        List<Integer> thumbnailSizes,
        String error,
        ImageMetadata details) {

    public Photo {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(album, "album");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        thumbnailSizes = thumbnailSizes == null ? List.of() : List.copyOf(thumbnailSizes);
    }

    /** A record without processing details, as stored before they existed. */
    public Photo(String owner, String photoId, String album, String fileName, String contentType, long size,
                 String sha256, PhotoStatus status, Instant uploadedAt, Instant processedAt, Integer width,
                 Integer height, Instant takenAt, String camera, List<Integer> thumbnailSizes, String error) {
        this(owner, photoId, album, fileName, contentType, size, sha256, status, uploadedAt, processedAt, width, height,
                takenAt, camera, thumbnailSizes, error, null);
    }

    /** A freshly presigned photo: nothing known yet beyond what the client declared. */
    public static Photo pending(String owner, String photoId, String album, String fileName,
                                String contentType, long size, String sha256, Instant now) {
        return new Photo(owner, photoId, album, fileName, contentType, size, sha256, PhotoStatus.PENDING,
                now, null, null, null, null, null, List.of(), null, null);
    }

    /** This record made PENDING again for a new upload attempt of the same content. */
    public Photo retried(String newAlbum, String newFileName, String newContentType, Instant now) {
        return new Photo(owner, photoId, newAlbum, newFileName, newContentType, size, sha256, PhotoStatus.PENDING,
                now, null, null, null, null, null, List.of(), null, null);
    }

    /** Processed; {@code width} and {@code height} are null for formats that are stored but not decoded (HEIC). */
    public Photo ready(String sniffedContentType, Integer width, Integer height, Instant takenAt, String camera,
                       List<Integer> thumbnailSizes, Instant now) {
        return ready(sniffedContentType, width, height, takenAt, camera, thumbnailSizes, null, now);
    }

    /**
     * Processed, with the details the processor read. Without an EXIF date the photo counts as taken at its upload,
     * and {@code details} says so.
     */
    public Photo ready(String sniffedContentType, Integer width, Integer height, Instant takenAt, String camera,
                       List<Integer> thumbnailSizes, ImageMetadata details, Instant now) {
        ImageMetadata recorded = details == null ? null : takenAt == null
                ? new ImageMetadata(ImageMetadata.TakenAtSource.UPLOAD, null, details.lens(), details.exposure(),
                        details.gps(), details.note())
                : details;
        Instant taken = takenAt == null && details != null ? uploadedAt : takenAt;
        return new Photo(owner, photoId, album, fileName, sniffedContentType, size, sha256, PhotoStatus.READY,
                uploadedAt, now, width, height, taken, camera, thumbnailSizes, null, recorded);
    }

    /** This record as a listing shows it: without the location, which only the owner's single-photo view has. */
    public Photo withoutGps() {
        return details == null || details.gps() == null ? this
                : new Photo(owner, photoId, album, fileName, contentType, size, sha256, status, uploadedAt,
                        processedAt, width, height, takenAt, camera, thumbnailSizes, error, details.withoutGps());
    }

    /** This record moved to another album, everything else kept. */
    public Photo inAlbum(String newAlbum) {
        return new Photo(owner, photoId, newAlbum, fileName, contentType, size, sha256, status, uploadedAt,
                processedAt, width, height, takenAt, camera, thumbnailSizes, error, details);
    }

    public Photo rejected(String reason, Instant now) {
        return new Photo(owner, photoId, album, fileName, contentType, size, sha256, PhotoStatus.REJECTED,
                uploadedAt, now, null, null, null, null, List.of(), reason, null);
    }

    public String originalKey() {
        return Keys.original(owner, photoId);
    }
}
