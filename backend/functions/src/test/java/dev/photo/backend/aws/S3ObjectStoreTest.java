package dev.photo.backend.aws;

import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.ObjectInfo;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 adapter against a real S3-compatible server, and what its presigned URLs let a client do. */
class S3ObjectStoreTest {


    @TempDir
    static Path dir;
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private final S3ObjectStore store = S3.store();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String key() {
        return EmbeddedS3.originalKey();
    }

    private HttpResponse<String> send(PresignedRequest p, byte[] body, Map<String, String> override)
            throws Exception {
        return S3.send(p, body, override);
    }

    @Test
    void presigned_put_accepts_exactly_the_declared_bytes_once() throws Exception {
        byte[] body = "exactly these bytes".getBytes(StandardCharsets.UTF_8);
        String key = key();
        PresignedRequest put =
                store.presignPut(key, body.length, "image/jpeg", Sha256.hex(body), Duration.ofMinutes(5));

        assertThat(put.headers()).containsKeys("content-type", "content-length", "x-amz-checksum-sha256", "if-none-match");
        assertThat(put.url().getQuery()).contains("X-Amz-Expires=300");
        assertThat(send(put, body, Map.of()).statusCode()).isEqualTo(200);
        assertThat(store.head(key)).contains(new ObjectInfo(key, body.length, "image/jpeg"));
        assertThat(send(put, body, Map.of()).statusCode()).as("replay").isEqualTo(412);
    }

    @Test
    void presigned_put_refuses_another_length() throws Exception {
        byte[] body = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        String key = key();
        PresignedRequest put =
                store.presignPut(key, body.length, "image/jpeg", Sha256.hex(body), Duration.ofMinutes(5));

        HttpResponse<String> longer = send(put, "thirteen bytes".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void presigned_put_refuses_another_content_type() throws Exception {
        byte[] body = "some bytes".getBytes(StandardCharsets.UTF_8);
        String key = key();
        PresignedRequest put =
                store.presignPut(key, body.length, "image/jpeg", Sha256.hex(body), Duration.ofMinutes(5));

        assertThat(send(put, body, Map.of("Content-Type", "text/html")).statusCode()).isEqualTo(403);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void presigned_put_refuses_another_checksum_header() throws Exception {
        byte[] body = "some bytes".getBytes(StandardCharsets.UTF_8);
        String key = key();
        PresignedRequest put =
                store.presignPut(key, body.length, "image/jpeg", Sha256.hex(body), Duration.ofMinutes(5));
        String other = java.util.Base64.getEncoder().encodeToString(new byte[32]);

        assertThat(send(put, body, Map.of("x-amz-checksum-sha256", other)).statusCode()).isEqualTo(403);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void put_open_and_delete_round_trip(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("t.jpg"), "thumbnail bytes");
        String key = "thumbnails/a/b/256.jpg";

        store.put(key, file, "image/jpeg");
        try (InputStream in = store.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("thumbnail bytes");
        }
        store.delete(key);
        store.delete(key);

        assertThat(store.open(key)).isEmpty();
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void presigned_get_names_the_original_file() throws Exception {
        Path file = Files.createTempFile(dir, "x", ".jpg");
        Files.writeString(file, "original");
        String key = key();
        store.put(key, file, "image/jpeg");

        URI get = store.presignGet(key, "Été \"2024\".jpg", Duration.ofMinutes(1));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(get).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("original");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"_t_ _2024_.jpg\"; filename*=UTF-8''%C3%89t%C3%A9%20%222024%22.jpg");
    }
}
