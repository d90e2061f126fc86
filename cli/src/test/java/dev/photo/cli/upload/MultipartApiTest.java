package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The multipart routes as the engine speaks them: plan, more part URLs, complete. */
class MultipartApiTest extends FakeBackendTestBase {

    private static final int PART = 5 << 20;

    @TempDir
    Path photos;

    @Test
    void declares_the_part_plan_fetches_the_urls_not_given_and_completes_with_every_etag_in_order()
            throws Exception {
        Path big = photos.resolve("big.jpg");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(new byte[2 * PART + 1000]);
        }
        String base = backend.baseUrl().toString();
        // like a server that returned only the first part's URL: the others come from /parts
        backend.server().stubFor(post(urlEqualTo("/uploads")).atPriority(1).willReturn(okJson("""
                {"results": [{"index": 0, "name": "big.jpg", "status": "multipart", "photoId": "p1",
                  "multipart": {"uploadId": "u1", "partCount": 3, "parts": [%s]}}]}""".formatted(part(base, 1)))));
        backend.server().stubFor(post(urlEqualTo("/uploads/p1/parts")).atPriority(1).willReturn(okJson("""
                {"photoId": "p1", "uploadId": "u1", "parts": [%s, %s], "uploaded": []}"""
                .formatted(part(base, 2), part(base, 3)))));
        backend.server().stubFor(post(urlEqualTo("/uploads/p1/complete")).atPriority(1)
                .willReturn(okJson("{\"photoId\": \"p1\", \"status\": \"PENDING\"}")));
        for (int n = 1; n <= 3; n++) {
            backend.server().stubFor(put(urlPathEqualTo("/s3/big")).atPriority(1)
                    .withQueryParam("partNumber", equalTo(Integer.toString(n)))
                    .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e" + n + "\"")));
        }

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip",
                "--multipart-threshold", "5MiB", "--part-size", "5MiB");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 0, failed 0");
        JsonNode declared = backend.uploadBatches().get(0).path("files").get(0);
        assertThat(declared.path("size").asLong()).isEqualTo(2L * PART + 1000);
        assertThat(declared.path("parts")).extracting(p -> p.path("size").asLong())
                .containsExactly((long) PART, (long) PART, 1000L);
        JsonNode asked = body("/uploads/p1/parts");
        assertThat(asked.path("uploadId").asText()).isEqualTo("u1");
        assertThat(asked.path("parts")).as("the URLs not given, in one call")
                .extracting(p -> p.path("partNumber").asInt()).containsExactlyInAnyOrder(2, 3);
        JsonNode completed = body("/uploads/p1/complete");
        assertThat(completed.toString()).isEqualTo(
                "{\"uploadId\":\"u1\",\"parts\":[{\"partNumber\":1,\"etag\":\"\\\"e1\\\"\"},"
                        + "{\"partNumber\":2,\"etag\":\"\\\"e2\\\"\"},{\"partNumber\":3,\"etag\":\"\\\"e3\\\"\"}]}");
        backend.server().verify(3, putRequestedFor(urlPathEqualTo("/s3/big")));
        backend.server().verify(putRequestedFor(urlPathEqualTo("/s3/big"))
                .withQueryParam("partNumber", equalTo("3")).withHeader("Content-Length", equalTo("1000")));
    }

    private JsonNode body(String path) {
        List<JsonNode> bodies = backend.requestBodies(path);
        assertThat(bodies).hasSize(1);
        return bodies.get(0);
    }

    private static String part(String base, int n) {
        return """
                {"partNumber": %d, "method": "PUT", "url": "%s/s3/big?partNumber=%d&X-Amz-Signature=s",
                 "headers": {"content-length": "%d"}, "expiresAt": "2030-01-01T00:00:00Z"}"""
                .formatted(n, base, n, n < 3 ? PART : 1000);
    }
}
