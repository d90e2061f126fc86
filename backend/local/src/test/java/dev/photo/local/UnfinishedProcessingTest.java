package dev.photo.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;

import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An original whose ObjectCreated event was never processed must not stay PENDING for good: the in-process stack of
 * a CLI command drops the events still queued when it stops (Ctrl-C while "waiting for processing...", or the wait
 * running out), and a later upload of the same file is answered duplicate because the object is there. The next
 * start of the stack on the same data directory delivers those events again.
 */
class UnfinishedProcessingTest {

    @TempDir
    Path dataDir;

    @Test
    void an_original_whose_processing_was_cut_off_still_ends_processed() throws Exception {
        byte[] image = jpeg(320, 240, Color.BLACK);
        String photoId;
        // first command: the bytes arrive, then the stack stops before its processor has run
        try (LocalStack first = LocalStack.start(LocalStackOptions.ephemeral(dataDir), eventsDropped())) {
            StackClient client = new StackClient(first.endpoints());
            String token = adminToken(client, first);
            JsonNode result = client.presign(token, "trip", "cut-off.jpg", image);
            assertThat(result.get("status").asText()).isEqualTo("upload");
            photoId = result.get("photoId").asText();
            assertThat(put(result.get("upload"), image)).isEqualTo(200);
        }

        // next command, same data directory, real processor; the user tries the upload again
        try (LocalStack next = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            StackClient client = new StackClient(next.endpoints());
            String token = adminToken(client, next);
            JsonNode again = client.presign(token, "trip", "cut-off.jpg", image);
            assertThat(again.get("photoId").asText()).isEqualTo(photoId);
            assertThat(next.awaitIdle(Duration.ofSeconds(30))).isTrue();

            JsonNode detail = ok(client.api(token, "GET", "/photos/" + photoId, null));
            assertThat(detail.at("/photo/status").asText())
                    .as("answer to the retried upload: %s", again)
                    .isEqualTo("READY");
        }
    }

    /** The real API; a processor that never gets to run, like events dropped when the stack closes. */
    private static BackendFunctions eventsDropped() {
        return BackendFunctions.of(BackendFunctions.real()::api,
                (config, photos, objects, admin) -> (input, output, context) -> input.readAllBytes());
    }

    private static String adminToken(StackClient client, LocalStack stack) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(stack.dataDir()).orElseThrow();
        return client.login(admin.username(), admin.password());
    }
}
