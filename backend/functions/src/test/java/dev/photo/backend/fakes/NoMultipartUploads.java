package dev.photo.backend.fakes;

import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A store with no multipart upload in progress, for tests of code that only cleans them up: it records which keys
 * were cleaned and fails the test on any other call.
 */
public final class NoMultipartUploads implements MultipartUploads {

    private final List<String> abortedKeys = new ArrayList<>();

    public synchronized List<String> abortedKeys() {
        return List.copyOf(abortedKeys);
    }

    @Override
    public synchronized void abortAll(String key) {
        abortedKeys.add(key);
    }

    @Override
    public String create(String key, String contentType) {
        throw new AssertionError("unexpected multipart create of " + key);
    }

    @Override
    public PresignedRequest presignPart(String key, String uploadId, int partNumber, long length, String sha256Hex,
                                        Duration ttl) {
        throw new AssertionError("unexpected part presign for " + key);
    }

    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        throw new AssertionError("unexpected listParts for " + key);
    }

    @Override
    public void complete(String key, String uploadId, List<UploadedPart> parts) {
        throw new AssertionError("unexpected complete of " + key);
    }

    @Override
    public void abort(String key, String uploadId) {
        throw new AssertionError("unexpected abort of " + key);
    }
}
