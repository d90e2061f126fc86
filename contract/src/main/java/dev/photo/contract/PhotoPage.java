package dev.photo.contract;

import java.util.List;

/** One page of {@code GET /photos}. */
public record PhotoPage(List<PhotoInfo> photos, String nextCursor) {

    public PhotoPage {
        photos = photos == null ? List.of() : List.copyOf(photos);
    }
}
