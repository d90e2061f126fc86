package dev.photo.contract;

import java.util.List;

/** The body of {@code POST /uploads/{photoId}/parts}: URLs for these parts (may be empty: only what is held). */
public record PartsRequest(String uploadId, List<Part> parts) {

    /** A part to presign: number, exact length and SHA-256 (hex). */
    public record Part(int partNumber, long size, String sha256) {
    }
}
