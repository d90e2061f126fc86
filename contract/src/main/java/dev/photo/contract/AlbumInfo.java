package dev.photo.contract;

/** One album of {@code GET /albums}. */
public record AlbumInfo(String name, long count, Long bytes, String latestUploadAt) {
}
