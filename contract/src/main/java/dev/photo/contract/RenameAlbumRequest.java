package dev.photo.contract;

/** The body of {@code POST /albums/{name}/rename}: the album's new name (see {@link AlbumNames}). */
public record RenameAlbumRequest(String to) {
}
