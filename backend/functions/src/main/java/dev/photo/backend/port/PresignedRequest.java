package dev.photo.backend.port;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A request the client must send exactly as given: method, URL and every header (the signature covers them).
 */
public record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {

    public PresignedRequest {
        headers = Map.copyOf(headers);
    }
}
