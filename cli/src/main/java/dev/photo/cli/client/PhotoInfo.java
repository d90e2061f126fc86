package dev.photo.cli.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** A photo's metadata as the API returns it; times are kept as the API's ISO-8601 strings. */
public record PhotoInfo(String photoId, String album, String fileName, String contentType, Long size, String sha256,
                        String status, String uploadedAt, String processedAt, Integer width, Integer height,
                        String takenAt, String camera, List<Integer> thumbnails, JsonNode error) {

    /** The error as one line of text, or {@code null}. */
    public String errorText() {
        if (error == null || error.isNull()) {
            return null;
        }
        if (error.isTextual()) {
            return error.asText();
        }
        JsonNode message = error.get("message");
        return message != null ? message.asText() : error.toString();
    }
}
