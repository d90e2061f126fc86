package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Presigned GET URLs of a photo: the original (only when READY) and one per existing thumbnail size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Downloads(String original, Map<String, String> thumbnails) {

    public Downloads {
        // a copy that keeps the server's order (by size), so the JSON reads smallest first
        thumbnails = thumbnails == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(thumbnails));
    }
}
