package dev.photo.cli.client;

import java.util.Map;

/** Presigned GET URLs of a photo: the original (only when READY) and one per existing thumbnail size. */
public record Downloads(String original, Map<String, String> thumbnails) {

    public Downloads {
        thumbnails = thumbnails == null ? Map.of() : Map.copyOf(thumbnails);
    }
}
