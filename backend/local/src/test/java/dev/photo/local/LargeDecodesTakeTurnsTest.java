package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.photo.local.StackClient.put;
import static dev.photo.local.s3.DecodeBudgetTest.jpegClaiming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack runs several processor invocations at once; those decoding photos at the pixel cap must take turns, or
 * N of them would take N times a photo's decode memory (docs/security.md). The processor here stands in for the
 * decode: it opens the original through the store the stack gives it, as the real one does, holds it a moment and
 * counts how many hold one at the same time.
 */
class LargeDecodesTakeTurnsTest {

    @TempDir
    Path dataDir;

    private final AtomicInteger decoding = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Test
    void photos_at_the_pixel_cap_are_decoded_one_at_a_time_and_small_ones_side_by_side() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir), BackendFunctions.of(
                BackendFunctions.real()::api,
                (config, photos, objects, admin) -> (input, output, context) -> {
                    String key = keyOf(input);
                    try (InputStream original = objects.open(key).orElseThrow()) {
                        int now = decoding.incrementAndGet();
                        mostAtOnce.accumulateAndGet(now, Math::max);
                        Thread.sleep(300);
                        original.readAllBytes();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        decoding.decrementAndGet();
                    }
                }))) {
            StackClient client = new StackClient(stack.endpoints());
            LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
            String token = client.login(admin.username(), admin.password());

            for (int i = 0; i < 4; i++) {
                upload(client, token, "huge" + i + ".jpg", jpegClaiming(12_000 + i, 8_333));
            }
            assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(mostAtOnce).as("100 MP photos decoding at once").hasValue(1);

            mostAtOnce.set(0);
            for (int i = 0; i < 6; i++) {
                upload(client, token, "small" + i + ".jpg", jpegClaiming(4_000 + i, 3_000));
            }
            assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(mostAtOnce.get()).as("12 MP photos share the budget").isGreaterThan(1);
        }
    }

    private static void upload(StackClient client, String token, String name, byte[] jpeg) throws Exception {
        JsonNode presigned = client.presign(token, "big", name, jpeg);
        assertThat(put(presigned.get("upload"), jpeg)).isEqualTo(200);
    }

    /** The object key of an S3 event (form-encoded, as S3 sends it). */
    private static String keyOf(InputStream event) throws IOException {
        JsonNode record = new ObjectMapper().readTree(event).path("Records").get(0);
        return URLDecoder.decode(record.at("/s3/object/key").asText(), StandardCharsets.UTF_8);
    }
}
