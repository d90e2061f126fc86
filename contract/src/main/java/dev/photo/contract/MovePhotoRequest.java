package dev.photo.contract;

/** The body of {@code POST /photos/{photoId}/move}: the album the photo moves to (see {@link AlbumNames}). */
public record MovePhotoRequest(String album) {
}
