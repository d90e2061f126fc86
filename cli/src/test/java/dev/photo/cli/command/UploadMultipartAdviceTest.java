package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Single PUT or multipart: the server's advice from {@code GET /config}, unless the options say otherwise. */
class UploadMultipartAdviceTest extends FakeBackendTestBase {

    private static final long MIB = 1L << 20;

    @TempDir
    Path photos;

    Path big;

    @BeforeEach
    void writeBigPhoto() throws Exception {
        big = photos.resolve("big.jpg");
        byte[] bytes = new byte[(int) (11 * MIB)];
        Arrays.fill(bytes, (byte) 7);
        Files.write(big, bytes);
    }

    /** The part sizes {@code POST /uploads} declared for the one file; empty for a single PUT. */
    private List<Long> declaredParts() {
        List<JsonNode> batches = backend.uploadBatches();
        assertThat(batches).hasSize(1);
        JsonNode file = batches.get(0).at("/files/0");
        assertThat(file.path("size").asLong()).isEqualTo(11 * MIB);
        List<Long> sizes = new ArrayList<>();
        file.path("parts").forEach(part -> sizes.add(part.path("size").asLong()));
        return sizes;
    }

    @Test
    void without_options_the_servers_advice_decides_multipart_and_part_size() {
        backend.stubConfig(200 * MIB, 10 * MIB, 5 * MIB);

        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q");

        assertThat(declaredParts()).containsExactly(5 * MIB, 5 * MIB, MIB);
    }

    @Test
    void an_upload_asks_for_the_advice_once() {
        backend.stubConfig(200 * MIB, 10 * MIB, 5 * MIB);
        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q");
        backend.server().resetRequests();

        // logged in by now, so only the upload itself reads the config
        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q", "--no-cache");

        backend.server().verify(1, getRequestedFor(urlEqualTo("/config")));
    }

    @Test
    void a_server_that_advises_one_put_gets_one_put() {
        backend.stubConfig(5L << 30, 5L << 30, 16 * MIB);

        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q");

        assertThat(declaredParts()).isEmpty();
    }

    @Test
    void a_server_without_advice_gets_the_clients_defaults() {
        backend.stubConfig(200 * MIB, null, null);

        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q",
                "--multipart-threshold", "10MiB");

        // 16 MiB parts: the file fits in one
        assertThat(declaredParts()).containsExactly(11 * MIB);
    }

    @Test
    void explicit_options_win_over_the_advice() {
        backend.stubConfig(200 * MIB, 10 * MIB, 5 * MIB);

        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q",
                "--multipart-threshold", "64MiB");
        assertThat(declaredParts()).isEmpty();

        backend.server().resetRequests();
        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q", "--no-cache",
                "--part-size", "6MiB");
        assertThat(declaredParts()).containsExactly(6 * MIB, 5 * MIB);
    }

    @Test
    void a_file_larger_than_one_put_takes_goes_multipart_whatever_the_threshold() {
        backend.stubConfig(8 * MIB, 5L << 30, 5 * MIB);

        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip", "-q",
                "--multipart-threshold", "10GiB");

        assertThat(declaredParts()).containsExactly(5 * MIB, 5 * MIB, MIB);
    }

    @Test
    void a_dry_run_declares_the_parts_the_upload_would_send() {
        backend.stubConfig(8 * MIB, 5L << 30, 5 * MIB);
        backend.server().stubFor(post(urlEqualTo("/uploads")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.dryRun", equalTo("true")))
                .willReturn(okJson("""
                        {"results": [{"index": 0, "name": "big.jpg", "status": "upload", "photoId": null,
                                      "upload": null}]}""")));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "trip",
                "--dry-run", "-q");

        assertThat(declaredParts()).containsExactly(5 * MIB, 5 * MIB, MIB);
        assertThat(backend.uploadBatches().get(0).at("/files/0/parts/0/sha256").asText()).hasSize(64);
        assertThat(result.out()).contains("big.jpg");
    }
}
