package dev.photo.backend.port;

import java.util.Objects;

/**
 * One part the store holds for a multipart upload.
 *
 * @param partNumber     1 to 10000
 * @param etag           as the store reported it, quotes included
 * @param size           bytes
 * @param checksumSha256 the part's SHA-256 in base64 as the store recorded it, or null where the store keeps none
 */
public record UploadedPart(int partNumber, String etag, long size, String checksumSha256) {

    public UploadedPart {
        Objects.requireNonNull(etag, "etag");
    }
}
