package dev.photo.backend.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.aws.AwsClients;
import dev.photo.backend.aws.DynamoPhotoRepository;
import dev.photo.backend.aws.DynamoTables;
import dev.photo.backend.aws.moto.MotoClients;
import dev.photo.backend.aws.moto.MotoExtension;
import dev.photo.backend.aws.moto.MotoServer;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.handler.ApiEvents;
import dev.photo.backend.samples.SampleGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two entry points built as Lambda builds them, from environment variables alone, against moto's S3 and
 * DynamoDB; the effects are checked in moto, and the metrics in the EMF lines they write.
 */
@ExtendWith(MotoExtension.class)
class FunctionsOnMotoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "photo-test";
    private static final String TABLE = "photos-functions";
    private static AwsClients clients;
    private static Map<String, String> env;

    @BeforeAll
    static void setUp(MotoServer moto) {
        clients = MotoClients.clients(moto);
        clients.s3().createBucket(b -> b.bucket(BUCKET));
        DynamoTables.create(clients.dynamo(), TABLE);
        env = MotoClients.environment(moto);
        env.put("PHOTO_BUCKET", BUCKET);
        env.put("PHOTO_TABLE", TABLE);
        env.put("PHOTO_USER_POOL_ID", "us-east-1_example");
        env.put("PHOTO_CLIENT_ID", "photo-cli");
        env.put("PHOTO_PROCESSOR_FUNCTION", "photo-processor");
        env.put("PHOTO_CURSOR_KEY", Base64.getEncoder().encodeToString(DynamoTables.CURSOR_KEY));
    }

    @AfterAll
    static void tearDown() {
        clients.close();
    }

    @Test
    void the_api_function_presigns_records_pending_in_dynamodb_and_counts_it() throws Exception {
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        ApiFunction api = new ApiFunction(env, new PrintStream(metrics, true, StandardCharsets.UTF_8));

        APIGatewayV2HTTPResponse response = api.handleRequest(fixture("api-post-uploads.json"),
                new TestContext("req-presign"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.getBody()).at("/results/0");
        assertThat(result.get("status").asText()).isEqualTo("upload");
        String photoId = result.get("photoId").asText();
        Photo recorded = repository().get("11111111-1111-4111-8111-111111111111", photoId).orElseThrow();
        assertThat(recorded.status()).isEqualTo(PhotoStatus.PENDING);
        assertThat(recorded.fileName()).isEqualTo("IMG_0001.jpg");

        JsonNode line = onlyLine(metrics);
        assertEmf(line, "api", "FilesPresigned", "Count");
        assertThat(line.get("FilesPresigned").asLong()).isEqualTo(1);
        assertThat(line.get("requestId").asText()).isEqualTo("req-presign");
        assertThat(metrics.toString(StandardCharsets.UTF_8)).doesNotContain("X-Amz-Signature");
    }

    @Test
    void the_api_function_lists_with_cursors_that_another_user_cannot_use() throws Exception {
        ApiFunction api = new ApiFunction(env, new PrintStream(OutputStream.nullOutputStream()));
        String owner = "44444444-4444-4444-8444-444444444444";
        DynamoPhotoRepository repo = repository();
        for (int i = 0; i < 3; i++) {
            repo.put(Photo.pending(owner, "0193a1b2-0000-7000-8000-00000000010" + i, "trip", "a.jpg", "image/jpeg",
                    10, String.format("%064x", 500 + i), Instant.now()));
        }

        JsonNode first = JSON.readTree(api.handleRequest(ApiEvents.as(owner, "GET", "/photos", Map.of("limit", "2"),
                null), null).getBody());
        String cursor = first.get("nextCursor").asText();
        APIGatewayV2HTTPResponse stolen = api.handleRequest(ApiEvents.as("someone-else", "GET", "/photos",
                Map.of("cursor", cursor), null), null);
        JsonNode second = JSON.readTree(api.handleRequest(ApiEvents.as(owner, "GET", "/photos",
                Map.of("limit", "2", "cursor", cursor), null), null).getBody());

        assertThat(first.get("photos")).hasSize(2);
        assertThat(stolen.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(stolen.getBody()).at("/error/code").asText()).isEqualTo("invalid_cursor");
        assertThat(second.get("photos")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void the_processor_function_makes_a_pending_photo_ready_with_thumbnails_in_s3() throws Exception {
        String owner = "user-1";
        String photoId = "0193a1b2-0000-7000-8000-000000000001";
        byte[] jpeg = SampleGenerator.jpeg(800, 600, 0);
        repository().put(Photo.pending(owner, photoId, "trip", "IMG.jpg", "image/jpeg", jpeg.length, Sha256.hex(jpeg),
                Instant.now()));
        clients.s3().putObject(b -> b.bucket(BUCKET).key(Keys.original(owner, photoId)).contentType("image/jpeg"),
                RequestBody.fromBytes(jpeg));
        ByteArrayOutputStream metrics = new ByteArrayOutputStream();
        ProcessorFunction processor = new ProcessorFunction(env, new PrintStream(metrics, true,
                StandardCharsets.UTF_8));

        try (InputStream event = resource("object-created.json")) {
            processor.handleRequest(event, OutputStream.nullOutputStream(), new TestContext("req-process"));
        }

        Photo ready = repository().get(owner, photoId).orElseThrow();
        assertThat(ready.status()).isEqualTo(PhotoStatus.READY);
        assertThat(ready.thumbnailSizes()).containsExactly(256, 1024);
        assertThat(clients.s3().headObject(b -> b.bucket(BUCKET).key(Keys.thumbnail(owner, photoId, 256)))
                .contentType()).isEqualTo("image/jpeg");
        JsonNode line = onlyLine(metrics);
        assertEmf(line, "processor", "PhotosProcessed", "Count");
        assertEmf(line, "processor", "ProcessingTime", "Milliseconds");
        assertThat(line.get("PhotosProcessed").asLong()).isEqualTo(1);
        assertThat(line.get("PhotosRejected").asLong()).isZero();
        assertThat(line.get("ProcessingTime").asLong()).isNotNegative();

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (InputStream event = resource("object-created.json")) {
            new ProcessorFunction(env, new PrintStream(again, true, StandardCharsets.UTF_8))
                    .handleRequest(event, OutputStream.nullOutputStream(), null);
        }
        assertThat(repository().get(owner, photoId)).contains(ready);
        assertThat(repository().stats().count(PhotoStatus.READY)).isEqualTo(1);
        assertThat(again.size()).as("a repeated event processes nothing, so it records no metric").isZero();
    }

    @Test
    void a_missing_or_short_cursor_key_fails_the_init_with_the_variable_named() {
        Map<String, String> noKey = new java.util.HashMap<>(env);
        noKey.remove("PHOTO_CURSOR_KEY");
        Map<String, String> shortKey = new java.util.HashMap<>(env);
        shortKey.put("PHOTO_CURSOR_KEY", Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> new ApiFunction(noKey, System.out)).hasMessageContaining("PHOTO_CURSOR_KEY");
        assertThatThrownBy(() -> new ProcessorFunction(shortKey, System.out))
                .hasMessageContaining("PHOTO_CURSOR_KEY").hasMessageContaining("32");
    }

    private static DynamoPhotoRepository repository() {
        return new DynamoPhotoRepository(clients.dynamo(), TABLE, DynamoTables.CURSOR_KEY, Clock.systemUTC());
    }

    static void assertEmf(JsonNode line, String function, String metric, String unit) {
        assertThat(line.at("/_aws/Timestamp").isNumber()).isTrue();
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo(EmfMetrics.NAMESPACE);
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Function");
        assertThat(line.get("Function").asText()).isEqualTo(function);
        List<String> declared = new ArrayList<>();
        directive.get("Metrics").forEach(m -> declared.add(m.get("Name").asText() + "/" + m.get("Unit").asText()));
        assertThat(declared).contains(metric + "/" + unit);
        assertThat(line.has(metric)).isTrue();
    }

    static JsonNode onlyLine(ByteArrayOutputStream out) throws Exception {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines[0]);
    }

    private static APIGatewayV2HTTPEvent fixture(String name) {
        return ApiEvents.load(name);
    }

    private static InputStream resource(String name) {
        InputStream in = FunctionsOnMotoTest.class.getResourceAsStream("/events/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
