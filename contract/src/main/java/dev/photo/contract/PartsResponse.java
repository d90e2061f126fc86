package dev.photo.contract;

import java.util.List;

/**
 * The answer of {@code POST /uploads/{photoId}/parts}: URLs for the parts asked for, and every part the server
 * already holds for the upload, by ascending part number.
 */
public record PartsResponse(String photoId, String uploadId, List<PartUpload> parts, List<HeldPart> uploaded) {

    public PartsResponse {
        parts = parts == null ? List.of() : List.copyOf(parts);
        uploaded = uploaded == null ? List.of() : List.copyOf(uploaded);
    }

    /** A part the server holds, with the ETag of its last PUT. */
    public record HeldPart(int partNumber, String etag, long size) {
    }
}
