package dev.photo.contract;

/** The body of {@code PATCH /photos/{photoId}}: the album the photo moves to (see {@link AlbumNames}). */
public record MovePhotoRequest(String album) {
}
