package dev.photo.backend.fakes;

import dev.photo.backend.port.ObjectInfo;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.backend.port.PresignedRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ObjectStore} in a map, for service and handler tests. Presigned URLs are plausible but point nowhere.
 * {@link #failOn(String)} makes every operation on a key fail as an unreachable store would.
 */
public final class InMemoryObjectStore implements ObjectStore {

    /** A stored object. */
    public record StoredObject(byte[] bytes, String contentType) {
    }

    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    public InMemoryObjectStore() {
        this(Clock.systemUTC());
    }

    public InMemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** Stores bytes as a client's PUT would. */
    public void putBytes(String key, byte[] bytes, String contentType) {
        check(key);
        objects.put(key, new StoredObject(bytes.clone(), contentType));
    }

    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** Every key, sorted. */
    public Set<String> keys() {
        return new TreeMap<>(objects).keySet();
    }

    public void failOn(String key) {
        failing.add(key);
    }

    @Override
    public PresignedRequest presignPut(String key, long contentLength, String contentType, String sha256Hex,
                                       Duration ttl) {
        Map<String, String> headers = Map.of(
                "Content-Length", Long.toString(contentLength),
                "Content-Type", contentType,
                "x-amz-checksum-sha256", sha256Hex,
                "If-None-Match", "*");
        return new PresignedRequest("PUT", url(key, ttl, null), headers, clock.instant().plus(ttl));
    }

    @Override
    public URI presignGet(String key, String downloadFileName, Duration ttl) {
        return url(key, ttl, "attachment; filename=\"" + downloadFileName + "\"");
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        check(key);
        return get(key).map(o -> new ObjectInfo(key, o.bytes().length, o.contentType()));
    }

    @Override
    public Optional<InputStream> open(String key) {
        check(key);
        return get(key).map(o -> new ByteArrayInputStream(o.bytes()));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        check(key);
        try {
            objects.put(key, new StoredObject(Files.readAllBytes(file), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        check(key);
        objects.remove(key);
    }

    private void check(String key) {
        if (failing.contains(key)) {
            throw new ObjectStoreException("store unreachable for " + key, new IOException("connection refused"));
        }
    }

    private URI url(String key, Duration ttl, String disposition) {
        StringBuilder url = new StringBuilder("https://photo-test.s3.example.invalid/")
                .append(key)
                .append("?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=").append(ttl.toSeconds())
                .append("&X-Amz-Signature=fake");
        if (disposition != null) {
            url.append("&response-content-disposition=")
                    .append(URLEncoder.encode(disposition, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.toString());
    }
}
