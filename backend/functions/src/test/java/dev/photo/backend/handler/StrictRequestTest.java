package dev.photo.backend.handler;

import dev.photo.backend.fakes.AdminFakes;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A value of the wrong JSON type is a 400 naming the field, never silently converted. */
class StrictRequestTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String SHA = "a".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiHandler handler = new ApiHandler(BackendConfig.of("eu-west-1", "bucket", "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/")), new InMemoryPhotoRepository(),
            new InMemoryObjectStore(), new NoMultipartUploads(), AdminFakes.ports(), Clock.systemUTC());

    private JsonNode post(String body) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                ApiEvents.as(ALICE, "POST", "/uploads", null, body), null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        return JSON.readTree(response.getBody()).get("error");
    }

    private static String batch(String album, String size, String dryRun) {
        return """
                {"album": %s, "files": [{"name": "a.jpg", "size": %s, "contentType": "image/jpeg",
                 "sha256": "%s"}]%s}""".formatted(album, size, SHA, dryRun == null ? "" : ", \"dryRun\": " + dryRun);
    }

    @Test
    void rejects_a_size_given_as_a_string() throws Exception {
        JsonNode error = post(batch("\"trip\"", "\"1000\"", null));

        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).isEqualTo("\"files[0].size\" must be a whole number");
    }

    @Test
    void rejects_a_fractional_size() throws Exception {
        JsonNode error = post(batch("\"trip\"", "1.5", null));

        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).isEqualTo("\"files[0].size\" must be a whole number");
    }

    @Test
    void rejects_an_album_given_as_a_number() throws Exception {
        JsonNode error = post(batch("5", "1000", null));

        assertThat(error.get("code").asText()).isEqualTo("invalid_request");
        assertThat(error.get("message").asText()).isEqualTo("\"album\" must be a string");
    }

    @Test
    void rejects_a_dry_run_flag_that_is_not_a_boolean() throws Exception {
        for (String dryRun : new String[] {"\"yes\"", "\"true\"", "1"}) {
            JsonNode error = post(batch("\"trip\"", "1000", dryRun));

            assertThat(error.get("code").asText()).as(dryRun).isEqualTo("invalid_request");
            assertThat(error.get("message").asText()).as(dryRun).isEqualTo("\"dryRun\" must be true or false");
        }
    }

    @Test
    void rejects_a_part_number_given_as_a_string() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.as(ALICE, "POST",
                "/uploads/0190c6a4-1234-7abc-8def-0123456789ab/parts", null,
                "{\"uploadId\": \"u1\", \"parts\": [{\"partNumber\": \"1\", \"size\": 5, \"sha256\": \"" + SHA
                        + "\"}]}"), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).at("/error/message").asText())
                .isEqualTo("\"parts[0].partNumber\" must be a whole number");
    }

    @Test
    void still_ignores_fields_it_does_not_know() throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.as(ALICE, "POST", "/uploads", null,
                batch("\"trip\"", "1000", "true").replace("\"album\"", "\"later\": 1, \"album\"")), null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    }

    @Test
    void a_body_that_is_not_an_object_stays_invalid_json() throws Exception {
        JsonNode error = post("[1, 2]");

        assertThat(error.get("code").asText()).isEqualTo("invalid_json");
    }
}
