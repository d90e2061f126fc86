package dev.photo.contract;

import java.util.Map;

/** How to send one part: exactly this method, URL and headers, before {@code expiresAt}. */
public record PartUpload(int partNumber, String method, String url, Map<String, String> headers,
                         String expiresAt) {

    public PresignedUpload presigned() {
        return new PresignedUpload(method, url, headers, expiresAt);
    }

    @Override
    public String toString() {
        return "PartUpload[" + partNumber + ", " + presigned() + "]";
    }
}
