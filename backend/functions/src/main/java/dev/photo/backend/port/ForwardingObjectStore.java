package dev.photo.backend.port;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link ObjectStore} that passes every call to another one; a subclass overrides only the calls it changes
 * (the local stack's decode budget, fault-injecting stores in tests), so a method added to the port needs one
 * forwarder here instead of one in every wrapper.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

    /** The store the calls go to. */
    protected final ObjectStore delegate;

    protected ForwardingObjectStore(ObjectStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public PresignedRequest presignPut(String key, long contentLength, String contentType, String sha256Hex,
                                       Duration ttl) {
        return delegate.presignPut(key, contentLength, contentType, sha256Hex, ttl);
    }

    @Override
    public URI presignGet(String key, String downloadFileName, Duration ttl) {
        return delegate.presignGet(key, downloadFileName, ttl);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return delegate.head(key);
    }

    @Override
    public Optional<InputStream> open(String key) {
        return delegate.open(key);
    }

    @Override
    public void put(String key, Path file, String contentType) {
        delegate.put(key, file, contentType);
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }
}
