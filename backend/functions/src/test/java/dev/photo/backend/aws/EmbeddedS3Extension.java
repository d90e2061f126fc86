package dev.photo.backend.aws;

import dev.photo.backend.fakes.TempDirs;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One {@link EmbeddedS3} for a test class, started before its first test and stopped after its last, on a bucket in
 * a directory of its own:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
 * ... S3.store().presignPut(...); S3.send(put, body, Map.of());
 * }</pre>
 */
public final class EmbeddedS3Extension implements BeforeAllCallback, AfterAllCallback {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Path dir;
    private EmbeddedS3 s3;
    private S3ObjectStore store;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("embedded-s3-");
        s3 = EmbeddedS3.start(dir.resolve("s3"));
        store = s3.store();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            s3.close();
        } finally {
            TempDirs.deleteTree(dir);
        }
    }

    /** The adapter under test, on the bucket {@link EmbeddedS3#BUCKET} (created). */
    public S3ObjectStore store() {
        return store;
    }

    public EmbeddedS3 server() {
        return s3;
    }

    /** A fresh key under {@code originals/}, as the API would make one. */
    public String originalKey() {
        return EmbeddedS3.originalKey();
    }

    /** Sends a presigned request as a client does; see {@link EmbeddedS3#send}. */
    public HttpResponse<String> send(PresignedRequest request, byte[] body, Map<String, String> override)
            throws Exception {
        return EmbeddedS3.send(http, request, body, override);
    }
}
