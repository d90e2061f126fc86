package dev.photo.contract;

import java.util.List;

/**
 * A started multipart upload, as {@code POST /uploads} answers it.
 *
 * @param parts URLs of the first parts (at most 100); ask {@code POST /uploads/{id}/parts} for the others
 */
public record MultipartPlan(String uploadId, int partCount, List<PartUpload> parts) {

    public MultipartPlan {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
