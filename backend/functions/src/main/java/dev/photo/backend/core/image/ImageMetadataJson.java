package dev.photo.backend.core.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@link ImageMetadata} as the one JSON text the repositories store it as (a SQLite column, a DynamoDB attribute),
 * so that both adapters write and read the same shape.
 */
public final class ImageMetadataJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ImageMetadataJson() {
    }

    /** @return the JSON text, or null for no metadata */
    public static String write(ImageMetadata metadata) {
        if (metadata == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("image metadata is not serialisable", e);
        }
    }

    /**
     * A value this program cannot read back (written by a newer one, or damaged) loses the metadata, not the photo.
     *
     * @return the metadata, or null for none or unreadable text
     */
    public static ImageMetadata read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, ImageMetadata.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
