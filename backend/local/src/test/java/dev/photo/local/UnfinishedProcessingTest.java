package dev.photo.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An original whose ObjectCreated event was never processed must not stay PENDING for good: the in-process stack of
 * a CLI command drops the events still queued when it stops (Ctrl-C while "waiting for processing...", or the wait
 * running out), and a later upload of the same file is answered duplicate because the object is there. The next
 * start of the stack on the same data directory delivers those events again.
 */
class UnfinishedProcessingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dataDir;

    @Test
    void an_original_whose_processing_was_cut_off_still_ends_processed() throws Exception {
        byte[] image = jpeg();
        String photoId;
        // first command: the bytes arrive, then the stack stops before its processor has run
        try (LocalStack first = LocalStack.start(LocalStackOptions.ephemeral(dataDir), eventsDropped())) {
            String token = login(first);
            JsonNode result = presign(first, token, image);
            assertThat(result.get("status").asText()).isEqualTo("upload");
            photoId = result.get("photoId").asText();
            assertThat(put(result.get("upload"), image)).isEqualTo(200);
        }

        // next command, same data directory, real processor; the user tries the upload again
        try (LocalStack next = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            String token = login(next);
            JsonNode again = presign(next, token, image);
            assertThat(again.get("photoId").asText()).isEqualTo(photoId);
            assertThat(next.awaitIdle(Duration.ofSeconds(30))).isTrue();

            JsonNode detail = ok(api(next, token, "GET", "/photos/" + photoId, null));
            assertThat(detail.at("/photo/status").asText())
                    .as("answer to the retried upload: %s", again)
                    .isEqualTo("READY");
        }
    }

    /** The real API; a processor that never gets to run, like events dropped when the stack closes. */
    private static BackendFunctions eventsDropped() {
        return new BackendFunctions() {
            @Override
            public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(
                    BackendConfig config, PhotoRepository photos, ObjectStore objects) {
                return new ApiHandler(config, photos, objects, Clock.systemUTC());
            }

            @Override
            public RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects) {
                return (input, output, context) -> input.readAllBytes();
            }
        };
    }

    private static String login(LocalStack stack) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(stack.dataDir()).orElseThrow();
        ObjectNode body = JSON.createObjectNode();
        body.put("AuthFlow", "USER_PASSWORD_AUTH");
        body.put("ClientId", stack.clientId());
        body.putObject("AuthParameters").put("USERNAME", admin.username()).put("PASSWORD", admin.password());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.endpoints().cognito())
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/AuthenticationResult/AccessToken").asText();
    }

    private static JsonNode presign(LocalStack stack, String token, byte[] image) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("album", "trip");
        body.putArray("files").addObject().put("name", "cut-off.jpg").put("size", image.length)
                .put("contentType", "image/jpeg")
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
        return ok(api(stack, token, "POST", "/uploads", body.toString())).get("results").get(0);
    }

    private static int put(JsonNode upload, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
                b.header(h.getKey(), h.getValue().asText());
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> api(LocalStack stack, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(stack.endpoints().api().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
