package dev.photo.backend.aws;

import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.NoSuchUploadException;
import dev.photo.backend.port.ObjectInfo;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The multipart side of the S3 adapter against a real S3-compatible server, parts sent as a client would. */
class S3MultipartUploadsTest {

    private static final int MIB = 1024 * 1024;
    private static final Duration TTL = Duration.ofMinutes(5);

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private final S3ObjectStore store = S3.store();

    private static String key() {
        return EmbeddedS3.originalKey();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private HttpResponse<String> send(PresignedRequest p, byte[] body, Map<String, String> override)
            throws Exception {
        return S3.send(p, body, override);
    }

    private HttpResponse<String> sendPart(String key, String uploadId, int number, byte[] body) throws Exception {
        return send(store.presignPart(key, uploadId, number, body.length, Sha256.hex(body), TTL), body, Map.of());
    }

    @Test
    void two_parts_become_exactly_the_uploaded_bytes() throws Exception {
        String key = key();
        byte[] first = bytes(5 * MIB, 1);
        byte[] last = bytes(1024, 2);
        String uploadId = store.create(key, "image/jpeg");

        assertThat(sendPart(key, uploadId, 2, last).statusCode()).isEqualTo(200);
        assertThat(sendPart(key, uploadId, 1, first).statusCode()).isEqualTo(200);
        List<UploadedPart> parts = store.listParts(key, uploadId);
        store.complete(key, uploadId, parts);

        assertThat(parts).extracting(UploadedPart::partNumber, UploadedPart::size)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, (long) first.length),
                        org.assertj.core.groups.Tuple.tuple(2, (long) last.length));
        assertThat(store.head(key)).contains(new ObjectInfo(key, first.length + last.length, "image/jpeg"));
        try (InputStream in = store.open(key).orElseThrow()) {
            byte[] stored = in.readAllBytes();
            assertThat(Arrays.equals(stored, 0, first.length, first, 0, first.length)).isTrue();
            assertThat(Arrays.equals(stored, first.length, stored.length, last, 0, last.length)).isTrue();
        }
    }

    @Test
    void a_part_url_signs_its_length_and_checksum() throws Exception {
        String key = key();
        String uploadId = store.create(key, "image/jpeg");
        byte[] body = bytes(1000, 3);

        PresignedRequest part = store.presignPart(key, uploadId, 1, body.length, Sha256.hex(body), TTL);

        assertThat(part.method()).isEqualTo("PUT");
        assertThat(part.headers()).containsEntry("content-length", "1000").containsKey("x-amz-checksum-sha256");
        assertThat(part.url().getQuery()).contains("partNumber=1").contains("uploadId=").contains("X-Amz-Expires=300");
        assertThat(send(part, bytes(999, 3), Map.of()).statusCode()).as("shorter body").isEqualTo(403);
        String other = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(send(part, body, Map.of("x-amz-checksum-sha256", other)).statusCode()).as("other checksum")
                .isEqualTo(403);
        assertThat(store.listParts(key, uploadId)).isEmpty();
    }

    /**
     * Real S3 refuses such a part (400 BadDigest). S3Proxy stores it: the signature covers the checksum header but
     * nothing checks the body against it, which is why the processor verifies the whole file's SHA-256.
     */
    @Test
    void the_s3_compatible_server_does_not_check_a_parts_bytes_against_its_checksum() throws Exception {
        String key = key();
        String uploadId = store.create(key, "image/jpeg");
        byte[] declared = bytes(100, 8);
        PresignedRequest part = store.presignPart(key, uploadId, 1, declared.length, Sha256.hex(declared), TTL);

        assertThat(send(part, bytes(100, 9), Map.of()).statusCode()).isEqualTo(200);
        assertThat(store.listParts(key, uploadId)).hasSize(1);
        store.abort(key, uploadId);
    }

    @Test
    void an_unknown_upload_id_is_no_such_upload() {
        String key = key();
        assertThatThrownBy(() -> store.listParts(key, "no-such-upload")).isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> store.complete(key, "no-such-upload", List.of(new UploadedPart(1, "\"x\"", 1, null))))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void an_upload_id_is_bound_to_its_key() throws Exception {
        String key = key();
        String uploadId = store.create(key, "image/jpeg");
        assertThat(sendPart(key, uploadId, 1, bytes(10, 4)).statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> store.listParts(key(), uploadId)).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void an_aborted_upload_is_gone() throws Exception {
        String key = key();
        String uploadId = store.create(key, "image/jpeg");
        assertThat(sendPart(key, uploadId, 1, bytes(10, 5)).statusCode()).isEqualTo(200);

        store.abort(key, uploadId);

        assertThatThrownBy(() -> store.listParts(key, uploadId)).isInstanceOf(NoSuchUploadException.class);
        assertThat(store.head(key)).isEmpty();
    }

    @Test
    void a_small_part_before_the_last_cannot_be_completed() throws Exception {
        String key = key();
        String uploadId = store.create(key, "image/jpeg");
        assertThat(sendPart(key, uploadId, 1, bytes(1024, 6)).statusCode()).isEqualTo(200);
        assertThat(sendPart(key, uploadId, 2, bytes(1024, 7)).statusCode()).isEqualTo(200);
        List<UploadedPart> parts = store.listParts(key, uploadId);

        assertThatThrownBy(() -> store.complete(key, uploadId, parts)).isInstanceOf(ObjectStoreException.class);
        assertThat(store.head(key)).isEmpty();
    }
}
