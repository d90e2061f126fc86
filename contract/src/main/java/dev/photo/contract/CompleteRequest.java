package dev.photo.contract;

import java.util.List;

/** The body of {@code POST /uploads/{photoId}/complete}: every part, 1..n in order, with its ETag. */
public record CompleteRequest(String uploadId, List<Part> parts) {

    public record Part(int partNumber, String etag) {
    }
}
