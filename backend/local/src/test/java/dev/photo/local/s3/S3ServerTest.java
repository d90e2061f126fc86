package dev.photo.local.s3;

import dev.photo.backend.fakes.Sha256;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.aws.EmbeddedS3;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class S3ServerTest {

    private static final String ACCESS_KEY = "LOCALTESTACCESSKEY";
    private static final String SECRET_KEY = "local-test-secret-key";
    private static final byte[] BODY = "pretend these are jpeg bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static final List<String> delivered = new ArrayList<>();
    private static ProcessorInvoker invoker;
    private static S3Server server;
    private static S3ObjectStore store;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        RequestStreamHandler recorder = (in, out, context) -> {
            synchronized (delivered) {
                delivered.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        };
        invoker = new ProcessorInvoker(recorder, "processor", "local", 2, List.of());
        server = S3Server.start(dir.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY, invoker, Clock.systemUTC());
        store = S3ObjectStore.forEndpoint(server.endpoint(), "local", ACCESS_KEY, SECRET_KEY, "photos");
        server.ensureBucket("photos");
    }

    @AfterAll
    static void stop() {
        server.close();
        invoker.close();
    }

    @BeforeEach
    void forgetEarlierEvents() throws InterruptedException {
        assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
        synchronized (delivered) {
            delivered.clear();
        }
    }

    private static List<String> deliveredSoFar() throws InterruptedException {
        assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }


    private static PresignedRequest presign(String key) throws Exception {
        return store.presignPut(key, BODY.length, "image/jpeg", Sha256.hex(BODY), Duration.ofMinutes(5));
    }

    private static int put(PresignedRequest p, byte[] body, Map<String, String> overrides) throws Exception {
        return EmbeddedS3.send(http, p, body, overrides).statusCode();
    }

    @Test
    void a_presigned_put_is_stored_and_emits_one_object_created_event_in_the_aws_shape() throws Exception {
        String key = "originals/a b/ü+x";

        assertThat(put(presign(key), BODY, Map.of())).isEqualTo(200);

        List<String> events = deliveredSoFar();
        assertThat(events).hasSize(1);
        JsonNode record = json.readTree(events.get(0)).path("Records").get(0);
        assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("awsRegion").asText()).isEqualTo("local");
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.path("userIdentity").path("principalId").isTextual()).isTrue();
        assertThat(record.path("requestParameters").path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(record.path("responseElements").has("x-amz-request-id")).isTrue();
        JsonNode s3 = record.path("s3");
        assertThat(s3.path("s3SchemaVersion").asText()).isEqualTo("1.0");
        assertThat(s3.path("configurationId").asText()).isNotEmpty();
        assertThat(s3.path("bucket").path("name").asText()).isEqualTo("photos");
        assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::photos");
        assertThat(s3.path("bucket").path("ownerIdentity").path("principalId").isTextual()).isTrue();
        assertThat(s3.path("object").path("key").asText()).isEqualTo("originals/a+b/%C3%BC%2Bx");
        assertThat(s3.path("object").path("size").asLong()).isEqualTo(BODY.length);
        assertThat(s3.path("object").path("eTag").asText()).matches("[0-9a-f]{32}");
        assertThat(s3.path("object").path("sequencer").asText()).matches("[0-9A-F]{16}");
        assertThat(store.head(key)).get().satisfies(info -> assertThat(info.size()).isEqualTo(BODY.length));
    }

    @Test
    void a_body_of_another_length_than_presigned_is_refused() throws Exception {
        byte[] longer = (new String(BODY, StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8);

        assertThat(put(presign("originals/o/length"), longer, Map.of())).isEqualTo(403);
        assertThat(deliveredSoFar()).isEmpty();
        assertThat(store.head("originals/o/length")).isEmpty();
    }

    @Test
    void another_content_type_than_presigned_is_refused() throws Exception {
        PresignedRequest p = presign("originals/o/type");
        assertThat(p.headers()).as("the override replaces the signed header").containsKey("content-type");
        assertThat(put(p, BODY, Map.of("content-type", "image/png"))).isEqualTo(403);
        assertThat(deliveredSoFar()).isEmpty();
    }

    @Test
    void replaying_a_presigned_put_fails_the_precondition_and_emits_nothing_more() throws Exception {
        PresignedRequest p = presign("originals/o/replay");

        assertThat(put(p, BODY, Map.of())).isEqualTo(200);
        assertThat(put(p, BODY, Map.of())).isEqualTo(412);
        assertThat(deliveredSoFar()).hasSize(1);
    }

    @Test
    void writes_outside_originals_emit_no_event() throws Exception {
        assertThat(put(presign("thumbnails/o/p/256.jpg"), BODY, Map.of())).isEqualTo(200);

        assertThat(deliveredSoFar()).isEmpty();
        assertThat(store.head("thumbnails/o/p/256.jpg")).isPresent();
    }

    @Test
    void an_unsigned_request_is_refused() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/photos/originals/o/unsigned"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(deliveredSoFar()).isEmpty();
    }

    @Test
    void completing_a_multipart_upload_emits_complete_multipart_upload() throws Exception {
        String key = "originals/o/multipart";
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            String uploadId = s3.createMultipartUpload(b -> b.bucket("photos").key(key)).uploadId();
            String eTag = s3.uploadPart(b -> b.bucket("photos").key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(BODY)).eTag();
            s3.completeMultipartUpload(b -> b.bucket("photos").key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
        }

        List<String> events = deliveredSoFar();
        assertThat(events).hasSize(1);
        JsonNode record = json.readTree(events.get(0)).path("Records").get(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo(key);
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(BODY.length);
    }

    private static S3Client sdk() {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static byte[] sameLengthOtherBytes() {
        byte[] other = BODY.clone();
        other[0] ^= 1;
        return other;
    }

    @Test
    void a_body_of_the_signed_length_that_does_not_match_the_signed_checksum_is_bad_digest_and_not_stored()
            throws Exception {
        PresignedRequest p = presign("originals/o/forged");
        assertThat(p.headers()).containsKey("x-amz-checksum-sha256");

        HttpResponse<String> response = EmbeddedS3.send(http, p, sameLengthOtherBytes(), Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>BadDigest</Code>");
        assertThat(store.head("originals/o/forged")).isEmpty();
        assertThat(deliveredSoFar()).isEmpty();
        assertThat(put(p, BODY, Map.of())).as("the URL still takes the right bytes").isEqualTo(200);
        assertThat(deliveredSoFar()).hasSize(1);
    }

    @Test
    void a_part_that_does_not_match_its_signed_checksum_is_bad_digest_and_not_stored() throws Exception {
        String key = "originals/o/forged-part";
        String uploadId = store.create(key, "image/jpeg");
        PresignedRequest part = store.presignPart(key, uploadId, 1, BODY.length, Sha256.hex(BODY), Duration.ofMinutes(5));

        try {
            HttpResponse<String> response = EmbeddedS3.send(http, part, sameLengthOtherBytes(), Map.of());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("<Code>BadDigest</Code>");
            assertThat(store.listParts(key, uploadId)).isEmpty();
            assertThat(EmbeddedS3.send(http, part, BODY, Map.of()).statusCode()).isEqualTo(200);
            assertThat(store.listParts(key, uploadId)).hasSize(1);
        } finally {
            store.abort(key, uploadId);
        }
    }

    @Test
    void a_malformed_checksum_header_is_an_invalid_request() throws Exception {
        PresignedRequest p = presign("originals/o/malformed");
        assertThat(put(p, BODY, Map.of("x-amz-checksum-sha256", "not base64!"))).isEqualTo(400);
        assertThat(store.head("originals/o/malformed")).isEmpty();
    }

    @Test
    void listings_hold_exactly_the_stored_objects_and_no_directories() throws Exception {
        assertThat(put(presign("originals/list-sub/a"), BODY, Map.of())).isEqualTo(200);
        assertThat(put(presign("originals/list-sub/b"), BODY, Map.of())).isEqualTo(200);
        assertThat(put(presign("thumbnails/list-sub/a/256.jpg"), BODY, Map.of())).isEqualTo(200);

        try (S3Client s3 = sdk()) {
            List<software.amazon.awssdk.services.s3.model.S3Object> all = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket("photos").maxKeys(2)).contents().forEach(all::add);
            assertThat(all).extracting(o -> o.key()).doesNotHaveDuplicates()
                    .allSatisfy(k -> assertThat(k).doesNotEndWith("/"))
                    .contains("originals/list-sub/a", "originals/list-sub/b", "thumbnails/list-sub/a/256.jpg");
            assertThat(all).allSatisfy(o -> assertThat(o.eTag()).isNotBlank());

            var sub = s3.listObjectsV2(b -> b.bucket("photos").prefix("originals/list-sub/"));
            assertThat(sub.contents()).extracting(o -> o.key())
                    .containsExactly("originals/list-sub/a", "originals/list-sub/b");
            assertThat(sub.keyCount()).isEqualTo(2);

            String pending = s3.createMultipartUpload(b -> b.bucket("photos").key("originals/list-sub/c")).uploadId();
            var top = s3.listObjectsV2(b -> b.bucket("photos").delimiter("/"));
            s3.abortMultipartUpload(b -> b.bucket("photos").key("originals/list-sub/c").uploadId(pending));
            assertThat(top.contents()).as("nor the server's bookkeeping of an upload in progress").isEmpty();
            assertThat(top.commonPrefixes()).extracting(c -> c.prefix()).contains("originals/", "thumbnails/");

            var level = s3.listObjectsV2(b -> b.bucket("photos").prefix("originals/").delimiter("/"));
            assertThat(level.contents()).isEmpty();
            assertThat(level.commonPrefixes()).extracting(c -> c.prefix()).contains("originals/list-sub/");

            assertThat(store.head("originals/")).as("a directory is not an object").isEmpty();
            assertThat(store.head("originals/list-sub/")).isEmpty();
            assertThat(store.head("originals/list-sub")).isEmpty();
        }
    }

    @Test
    void clients_that_promise_a_body_and_never_send_it_do_not_stop_the_server() throws Exception {
        String stalled = dev.photo.local.support.StalledClients.headersPromisingABody("PUT", "/photos/originals/o/x",
                100, null);
        try (var clients = dev.photo.local.support.StalledClients.open(server.endpoint().getPort(), 48, stalled)) {
            // more stalled clients than the server has threads: none may be holding one
            assertThat(put(presign("originals/o/while-stalled"), BODY, Map.of())).isEqualTo(200);
        }
    }

    @Test
    void a_body_that_stops_half_way_is_dropped_after_the_idle_timeout_and_nothing_is_stored() throws Exception {
        RequestStreamHandler ignore = (in, out, context) -> { };
        try (ProcessorInvoker quiet = new ProcessorInvoker(ignore, "processor", "local", 1, List.of());
             S3Server s3 = S3Server.start(dir.resolve("s3-idle"), 0, ACCESS_KEY, SECRET_KEY, quiet,
                     Clock.systemUTC(), Duration.ofSeconds(1))) {
            s3.ensureBucket("photos");
            S3ObjectStore idleStore = S3ObjectStore.forEndpoint(s3.endpoint(), "local", ACCESS_KEY, SECRET_KEY,
                    "photos");
            PresignedRequest p = idleStore.presignPut("originals/o/half", BODY.length, "image/jpeg", Sha256.hex(BODY),
                    Duration.ofMinutes(5));
            StringBuilder head = new StringBuilder("PUT " + p.url().getRawPath() + "?" + p.url().getRawQuery()
                    + " HTTP/1.1\r\nHost: " + p.url().getAuthority() + "\r\n");
            p.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    head.append(name).append(": ").append(value).append("\r\n");
                }
            });
            head.append("Content-Length: ").append(BODY.length).append("\r\n\r\n").append("pretend");
            try (var clients = dev.photo.local.support.StalledClients.open(s3.endpoint().getPort(), 1,
                    head.toString())) {
                assertThat(clients.answers(Duration.ofSeconds(10))).singleElement()
                        .satisfies(a -> assertThat(a).doesNotEndWith("(still open)").isNotEqualTo("open"));
            }
            assertThat(idleStore.head("originals/o/half")).isEmpty();
        }
    }
}
