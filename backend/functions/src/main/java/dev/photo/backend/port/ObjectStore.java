package dev.photo.backend.port;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The bucket. Adapters turn their SDK's failures into {@link ObjectStoreException}.
 */
public interface ObjectStore {

    /**
     * A PUT URL that only accepts exactly these bytes: the length, content type and SHA-256 are signed, and
     * {@code If-None-Match: *} keeps it from overwriting an existing object.
     */
    PresignedRequest presignPut(String key, long contentLength, String contentType, String sha256Hex, Duration ttl);

    /** A GET URL whose response carries {@code Content-Disposition: attachment} with this file name. */
    URI presignGet(String key, String downloadFileName, Duration ttl);

    Optional<ObjectInfo> head(String key);

    /** Streams the object; the caller closes the stream. Empty when there is no such object. */
    Optional<InputStream> open(String key);

    void put(String key, Path file, String contentType);

    /** Deletes if present; deleting a missing key is not an error. */
    void delete(String key);
}
