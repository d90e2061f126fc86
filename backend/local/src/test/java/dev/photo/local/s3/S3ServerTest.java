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
}
