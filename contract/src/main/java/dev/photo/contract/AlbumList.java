package dev.photo.contract;

import java.util.List;

/** {@code GET /albums}. */
public record AlbumList(List<AlbumInfo> albums) {

    public AlbumList {
        albums = albums == null ? List.of() : List.copyOf(albums);
    }
}
