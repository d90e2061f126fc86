package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.backend.fakes.Sha256;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.UploadReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class UploadCommandTest extends FakeBackendTestBase {

    @TempDir
    Path photos;

    @Test
    void uploads_a_folder_in_batches_of_at_most_100_with_the_signed_headers() throws Exception {
        for (int i = 0; i < 205; i++) {
            write(photos.resolve(i % 2 == 0 ? "a" : "b/c").resolve(String.format("IMG_%03d.jpg", i)), "photo " + i);
        }

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");

        assertThat(result.out()).contains("uploaded 205, duplicate 0, rejected 0, failed 0");
        List<JsonNode> batches = backend.uploadBatches();
        // partial batches go out whenever the transfers would otherwise wait for hashing
        assertThat(batches).extracting(batch -> batch.path("files").size())
                .allSatisfy(size -> assertThat(size).isBetween(1, 100))
                .satisfies(sizes -> assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(205));
        assertThat(batches).allSatisfy(batch -> assertThat(batch.path("album").asText()).isEqualTo("trip"));
        assertThat(backend.server().findAll(putRequestedFor(urlPathMatching("/s3/.*")))).hasSize(205);
        String body = "photo 7";
        backend.server().verify(putRequestedFor(urlPathEqualTo("/s3/IMG_007.jpg"))
                .withHeader("Content-Type", equalTo("image/jpeg"))
                .withHeader("Content-Length", equalTo(Integer.toString(body.length())))
                .withHeader("If-None-Match", equalTo("*"))
                .withHeader("x-amz-checksum-sha256", equalTo(Sha256.base64(body.getBytes(StandardCharsets.UTF_8))))
                .withQueryParam("X-Amz-Signature", equalTo("abc")));
        assertThat(result.err()).doesNotContain("error");
    }

    @Test
    void reports_duplicates_as_success_and_sends_nothing_for_them() throws Exception {
        write(photos.resolve("dup-1.jpg"), "one");
        write(photos.resolve("dup-2.jpg"), "two");
        write(photos.resolve("new.png"), "three");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");

        assertThat(result.out()).contains("uploaded 1, duplicate 2, rejected 0, failed 0");
        assertThat(backend.server().findAll(putRequestedFor(urlPathMatching("/s3/.*"))))
                .extracting(r -> r.getUrl()).singleElement().asString().startsWith("/s3/new.png");
    }

    @Test
    void server_rejected_files_are_listed_with_the_reason_and_make_the_exit_code_partial() throws Exception {
        write(photos.resolve("notes.txt"), "not a photo");
        write(photos.resolve("ok.jpg"), "photo");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.resolve("notes.txt").toString(),
                photos.resolve("ok.jpg").toString(), "--album", "trip");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 1, failed 0")
                .containsPattern("rejected\\s+\\S*notes.txt\\s+content type application/octet-stream is not allowed");
    }

    @Test
    void files_in_a_folder_that_are_not_photos_are_skipped_not_sent() throws Exception {
        write(photos.resolve("README.md"), "about these photos");
        write(photos.resolve("ok.jpg"), "photo");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.at("/totals/uploaded").asInt()).isEqualTo(1);
        assertThat(report.at("/totals/skipped").asInt()).isEqualTo(1);
        assertThat(report.get("files")).anySatisfy(f -> {
            assertThat(f.get("name").asText()).isEqualTo("README.md");
            assertThat(f.get("status").asText()).isEqualTo("skipped");
        });
        assertThat(backend.uploadBatches()).singleElement()
                .satisfies(batch -> assertThat(batch.path("files").size()).isEqualTo(1));
    }

    @Test
    void a_rerun_asks_the_server_about_stored_files_and_sends_again_what_it_no_longer_has() throws Exception {
        write(photos.resolve("kept.jpg"), "kept");
        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "-q");
        backend.server().resetRequests();

        PhotoCli.Result cached = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "-q");
        // declared with the SHA-256 the cache kept (the file is not read again): the server still has it
        assertThat(backend.uploadBatches()).singleElement()
                .satisfies(b -> assertThat(b.at("/files/0/sha256").asText())
                        .isEqualTo(Sha256.hex("kept".getBytes(StandardCharsets.UTF_8))));
        assertThat(cached.out()).contains("uploaded 0, duplicate 1");
        backend.server().resetRequests();

        backend.deleteAllPhotos();
        PhotoCli.Result afterDelete = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "-q");

        assertThat(afterDelete.out()).contains("uploaded 1, duplicate 0");
        backend.server().verify(1, putRequestedFor(urlPathEqualTo("/s3/kept.jpg")));
    }

    @Test
    void retries_a_put_that_fails_twice_with_503() throws Exception {
        write(photos.resolve("flaky.jpg"), "flaky");
        backend.server().stubFor(put(urlPathEqualTo("/s3/flaky.jpg")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        backend.server().stubFor(put(urlPathEqualTo("/s3/flaky.jpg")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        backend.server().stubFor(put(urlPathEqualTo("/s3/flaky.jpg")).atPriority(1)
                .inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.resolve("flaky.jpg").toString(),
                "--album", "trip");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 0, failed 0");
        backend.server().verify(3, putRequestedFor(urlPathEqualTo("/s3/flaky.jpg")));
    }

    @Test
    void retries_covers_the_api_calls_of_an_upload() throws Exception {
        write(photos.resolve("one.jpg"), "one");
        String state = Scenario.STARTED;
        for (int i = 1; i <= 4; i++) {
            backend.server().stubFor(post(urlPathEqualTo("/uploads")).atPriority(1)
                    .inScenario("busy").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("failed " + i));
            state = "failed " + i;
        }

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--retries", "5", "-q");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 0, failed 0");
        backend.server().verify(5, postRequestedFor(urlPathEqualTo("/uploads")));
    }

    @Test
    void a_put_that_always_fails_is_reported_failed_while_the_others_are_uploaded() throws Exception {
        write(photos.resolve("broken.jpg"), "broken");
        write(photos.resolve("fine-1.jpg"), "fine 1");
        write(photos.resolve("fine-2.jpg"), "fine 2");
        backend.server().stubFor(put(urlPathEqualTo("/s3/broken.jpg")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.toString(), "--album", "trip",
                "--retries", "2", "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("totals").path("uploaded").asInt()).isEqualTo(2);
        assertThat(report.path("totals").path("failed").asInt()).isEqualTo(1);
        assertThat(report.path("totals").path("total").asInt()).isEqualTo(3);
        JsonNode broken = UploadReports.file(report, "broken.jpg");
        assertThat(broken.path("status").asText()).isEqualTo("failed");
        assertThat(broken.path("reason").asText()).contains("503").contains("SlowDown").contains("3 attempts");
        assertThat(UploadReports.file(report, "fine-1.jpg").path("status").asText()).isEqualTo("uploaded");
        assertThat(UploadReports.file(report, "fine-1.jpg").path("photoId").asText()).startsWith("photo-");
        backend.server().verify(3, putRequestedFor(urlPathEqualTo("/s3/broken.jpg")));
    }

    @Test
    void exits_with_error_when_every_file_failed() throws Exception {
        write(photos.resolve("broken.jpg"), "broken");
        backend.server().stubFor(put(urlPathEqualTo("/s3/broken.jpg")).atPriority(1)
                .willReturn(aResponse().withStatus(403)));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.ERROR, "upload", photos.toString(), "--album", "trip");

        assertThat(result.out()).contains("failed 1");
        backend.server().verify(1, putRequestedFor(urlPathEqualTo("/s3/broken.jpg")));
    }

    @Test
    void skips_hidden_files_and_junk_but_takes_nested_folders() throws Exception {
        write(photos.resolve("keep.jpg"), "keep");
        write(photos.resolve("deep/er/keep2.jpg"), "keep2");
        write(photos.resolve(".hidden.jpg"), "hidden");
        write(photos.resolve(".thumbs/x.jpg"), "hidden folder");
        write(photos.resolve("@eaDir/y.jpg"), "nas junk");
        write(photos.resolve(".DS_Store"), "junk");
        write(photos.resolve("Thumbs.db"), "junk");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("files").findValuesAsText("name")).containsExactlyInAnyOrder("keep.jpg", "keep2.jpg");
    }

    @Test
    void a_missing_path_or_a_bad_album_is_a_usage_error_and_contacts_nobody() {
        PhotoCli.Result missing = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.resolve("nope").toString(),
                "--album", "trip");
        PhotoCli.Result badAlbum = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.toString(), "--album",
                "a/b");

        assertThat(missing.err()).startsWith("photo: error: no such file or directory");
        assertThat(badAlbum.err()).startsWith("photo: error: invalid album 'a/b'");
        assertThat(backend.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void an_album_refused_by_the_api_fails_the_command_with_its_message() throws Exception {
        write(photos.resolve("a.jpg"), "a");
        backend.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/uploads").atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"error\":{\"code\":\"invalid_album\",\"message\":\"album must be 1-64 characters\"}}")));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.toString(), "--album", "x");

        assertThat(result.err()).endsWith("photo: error: album must be 1-64 characters\n");
    }

    @Test
    void draws_one_progress_bar_on_a_terminal_a_final_line_otherwise_and_nothing_when_quiet() throws Exception {
        write(photos.resolve("a.jpg"), "a");
        write(photos.resolve("b.jpg"), "b");
        PhotoCli onTerminal = photo.with(photo.context().withTerminal(dev.photo.cli.FakeTerminal.ofDefaultWidth()));

        PhotoCli.Result shown = onTerminal.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");
        PhotoCli.Result quiet = onTerminal.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "-q");
        PhotoCli.Result piped = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");

        assertThat(shown.err()).contains("upload").contains("100%").contains("2/2 files").contains("\r");
        assertThat(shown.out()).doesNotContain("%");
        assertThat(quiet.err()).isEmpty();
        assertThat(piped.err()).doesNotContain("\r").startsWith("photo: upload 2/2 files, 2 B/2 B, ")
                .containsPattern("in \\d+s\n$").hasLineCount(1);
        assertThat(piped.out()).doesNotContain("photo: upload");
    }


    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
