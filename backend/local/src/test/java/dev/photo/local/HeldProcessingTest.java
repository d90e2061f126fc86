package dev.photo.local;

import dev.photo.backend.fakes.Sha256;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.aws.EmbeddedS3;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.local.s3.HeldEvents;
import dev.photo.local.s3.ObjectCreated;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack started with processing held stores uploads but never runs the processor on them. */
class HeldProcessingTest {

    @TempDir
    Path dir;

    private final AtomicInteger invocations = new AtomicInteger();
    private ObjectStore objects;

    private final BackendFunctions fakes = BackendFunctions.of((c, photos, o, admin) -> {
        objects = o;
        return (event, context) -> new APIGatewayV2HTTPResponse();
    }, (c, photos, o, admin) -> (in, out, context) -> invocations.incrementAndGet());

    private int put(String key, byte[] body) throws Exception {
        String sha = Sha256.hex(body);
        PresignedRequest put = objects.presignPut(key, body.length, "image/jpeg", sha, Duration.ofMinutes(1));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return EmbeddedS3.send(http, put, body, Map.of()).statusCode();
    }

    @Test
    void held_uploads_are_stored_but_never_reach_the_processor() throws Exception {
        LocalStackOptions options = new LocalStackOptions(dir.resolve("data"), 0, 0, 0, false, true);
        try (LocalStack stack = LocalStack.start(options, fakes)) {
            assertThat(put("originals/o/p1", "one".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);
            assertThat(put("originals/o/p2", "two".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);

            // held events are not pending: an idle wait returns at once instead of waiting for them
            assertThat(stack.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(objects.head("originals/o/p1")).isPresent();
            assertThat(invocations).hasValue(0);
        }
    }

    @Test
    void without_the_hold_the_same_upload_is_processed() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackOptions.ephemeral(dir.resolve("data")), fakes)) {
            assertThat(put("originals/o/p1", "one".getBytes(StandardCharsets.UTF_8))).isEqualTo(200);

            assertThat(stack.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(invocations).hasValue(1);
        }
    }

    @Test
    void held_events_are_kept_in_arrival_order() {
        HeldEvents held = new HeldEvents();
        held.objectCreated(event("originals/o/a"));
        held.objectCreated(event("originals/o/b"));

        assertThat(held.held()).extracting(ObjectCreated::key).containsExactly("originals/o/a", "originals/o/b");
    }

    private static ObjectCreated event(String key) {
        return new ObjectCreated(ObjectCreated.PUT, "photos", key, 1, "etag", Instant.now(), "0000000000000001");
    }
}
