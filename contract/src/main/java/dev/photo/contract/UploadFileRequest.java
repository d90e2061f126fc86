package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One file of a {@code POST /uploads} batch.
 *
 * @param parts the part plan of a multipart upload, in file order; {@code null} (and left out) for a single PUT
 */
public record UploadFileRequest(String name, long size, String contentType, String sha256,
                                @JsonInclude(JsonInclude.Include.NON_NULL) List<PartPlan> parts) {

    /** A file sent with one PUT. */
    public UploadFileRequest(String name, long size, String contentType, String sha256) {
        this(name, size, contentType, sha256, null);
    }

    /** One part of a plan: its exact length and the SHA-256 (hex) of its bytes. */
    public record PartPlan(long size, String sha256) {
    }
}
