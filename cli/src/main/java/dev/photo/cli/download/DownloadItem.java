package dev.photo.cli.download;

import dev.photo.contract.PhotoInfo;

import java.util.Locale;

/**
 * One photo of a download run: its metadata (as the listing or {@code GET /photos/{id}} gave it) and the local file
 * name the plan chose.
 *
 * @param thumbnailSize the thumbnail's size, or {@code null} for the original
 * @param explicit      asked for by id: then a photo that cannot be downloaded (not READY, no such thumbnail) fails
 *                      instead of being skipped, as it is when it merely is in the album
 */
public record DownloadItem(PhotoInfo photo, String fileName, Integer thumbnailSize, boolean explicit) {

    public String photoId() {
        return photo.photoId();
    }

    /** The SHA-256 the original is checked against, or {@code null} for a thumbnail (none is stored). */
    public String expectedSha256() {
        return thumbnailSize == null && photo.sha256() != null && !photo.sha256().isBlank()
                ? photo.sha256().toLowerCase(Locale.ROOT) : null;
    }

    /** The size the original has, or {@code null} when unknown (thumbnails). */
    public Long expectedSize() {
        return thumbnailSize == null ? photo.size() : null;
    }
}
