package dev.photo.contract;

import java.util.Map;

/** How to send one file's bytes: exactly this method, URL and headers, before {@code expiresAt}. */
public record PresignedUpload(String method, String url, Map<String, String> headers, String expiresAt) {

    public PresignedUpload {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // the query string of a presigned URL is a credential for the next 15 minutes
        int query = url == null ? -1 : url.indexOf('?');
        return "PresignedUpload[method=" + method + ", url=" + (query < 0 ? url : url.substring(0, query) + "?***")
                + ", expiresAt=" + expiresAt + "]";
    }
}
