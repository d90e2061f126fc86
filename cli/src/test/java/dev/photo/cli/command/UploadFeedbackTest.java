package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.SteppingClock;
import dev.photo.cli.UploadReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code photo upload} tells: dry runs, waiting for processing, progress lines, the JSON report. */
class UploadFeedbackTest extends FakeBackendTestBase {

    @TempDir
    Path photos;

    private void answerDryRuns(String results) {
        backend.server().stubFor(post(urlEqualTo("/uploads")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + FakeBackend.ACCESS_TOKEN))
                .withRequestBody(matchingJsonPath("$.dryRun", equalTo("true")))
                .willReturn(okJson("{\"results\": " + results + "}")));
    }

    @Test
    void dry_run_hashes_asks_the_api_and_sends_nothing_and_exits_3_if_some_would_be_rejected() throws Exception {
        write("new.jpg", "new");
        write("dup-1.jpg", "dup");
        write("notes.txt", "text");
        answerDryRuns("""
                [{"index": 0, "name": "new.jpg", "status": "upload", "photoId": null, "upload": null},
                 {"index": 1, "name": "dup-1.jpg", "status": "duplicate", "photoId": "p-9", "upload": null},
                 {"index": 2, "name": "notes.txt", "status": "rejected",
                  "error": {"code": "unsupported_type", "message": "content type application/octet-stream is not allowed"}}]""");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", file("new.jpg"),
                file("dup-1.jpg"), file("notes.txt"), "--album", "trip", "--dry-run", "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("files")).extracting(f -> f.path("status").asText())
                .containsExactly("would_upload", "duplicate", "rejected");
        assertThat(report.at("/totals/wouldUpload").asInt()).isEqualTo(1);
        assertThat(UploadReports.file(report, "notes.txt").path("reason").asText()).contains("not allowed");
        JsonNode request = backend.uploadBatches().get(0);
        assertThat(request.path("dryRun").asBoolean()).isTrue();
        assertThat(request.at("/files/0/sha256").asText())
                .isEqualTo("11507a0e2f5e69d5dfa40a62a1bd7b6ee57e6bcd85c67c9b8431b36fff21c437");
        assertThat(backend.server().findAll(putRequestedFor(urlPathMatching("/s3/.*")))).isEmpty();
    }

    @Test
    void dry_run_prints_the_whole_plan_and_exits_0_when_nothing_would_be_rejected() throws Exception {
        write("a.jpg", "a");
        write("b.jpg", "b");
        write("README.md", "about");
        answerDryRuns("""
                [{"index": 0, "name": "a.jpg", "status": "upload", "photoId": null, "upload": null},
                 {"index": 1, "name": "b.jpg", "status": "duplicate", "photoId": "p-1", "upload": null}]""");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "-n", "-q");

        assertThat(result.out())
                .contains("dry run: would upload 1, duplicate 1, rejected 0, failed 0, skipped 1 (3 files, album "
                        + "trip); nothing was sent or changed")
                .contains("skipped 1: not a photo (by its extension)")
                .containsPattern("would_upload\\s+\\S*a.jpg")
                .containsPattern("duplicate\\s+\\S*b.jpg");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void dry_run_against_an_api_that_presigns_anyway_says_so_and_fails() throws Exception {
        write("a.jpg", "a");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.ERROR, "upload", photos.toString(), "--album",
                "trip", "--dry-run", "-q");

        assertThat(result.err()).contains("the API does not support dry runs");
        assertThat(backend.server().findAll(putRequestedFor(urlPathMatching("/s3/.*")))).isEmpty();
    }

    @Test
    void wait_polls_until_each_photo_is_final_and_a_rejected_one_makes_the_exit_code_partial() throws Exception {
        write("a.jpg", "a");
        write("b.jpg", "b");
        backend.server().stubFor(get(urlEqualTo("/photos/photo-a.jpg")).atPriority(1)
                .inScenario("a").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(photoJson("photo-a.jpg", "a.jpg", "PENDING", null))).willSetStateTo("done"));
        backend.server().stubFor(get(urlEqualTo("/photos/photo-a.jpg")).atPriority(1)
                .inScenario("a").whenScenarioStateIs("done")
                .willReturn(okJson(photoJson("photo-a.jpg", "a.jpg", "READY", null))));
        backend.stubGet("/photos/photo-b.jpg", photoJson("photo-b.jpg", "b.jpg", "REJECTED", "not an image"));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.toString(), "--album",
                "trip", "--wait", "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(UploadReports.file(report, "a.jpg").path("photoStatus").asText()).isEqualTo("READY");
        assertThat(UploadReports.file(report, "a.jpg").path("status").asText()).isEqualTo("uploaded");
        assertThat(UploadReports.file(report, "b.jpg").path("photoStatus").asText()).isEqualTo("REJECTED");
        assertThat(UploadReports.file(report, "b.jpg").path("reason").asText()).isEqualTo("not an image");
        assertThat(report.at("/totals/processing/ready").asInt()).isEqualTo(1);
        assertThat(report.at("/totals/processing/rejected").asInt()).isEqualTo(1);
        backend.server().verify(2, getRequestedFor(urlEqualTo("/photos/photo-a.jpg")));
        backend.server().verify(1, getRequestedFor(urlEqualTo("/photos/photo-b.jpg")));
        assertThat(result.err()).contains("photo: waiting for 2 photos to be processed (at most 10m)");
    }

    @Test
    void wait_reports_each_final_status_in_the_table() throws Exception {
        write("a.jpg", "a");
        backend.stubGet("/photos/photo-a.jpg", photoJson("photo-a.jpg", "a.jpg", "READY", null));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--wait", "-q");

        assertThat(result.out()).contains("uploaded 1, duplicate 0").contains("processed: ready 1, rejected 0, "
                + "still pending 0").containsPattern("ready\\s+\\S*a.jpg");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void wait_gives_up_at_the_timeout_and_counts_a_pending_photo_as_not_done() throws Exception {
        write("a.jpg", "a");
        backend.stubGet("/photos/photo-a.jpg", photoJson("photo-a.jpg", "a.jpg", "PENDING", null));
        PhotoCli fastClock = photo.with(photo.context().withClock(
                new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofMinutes(5))));

        PhotoCli.Result result = fastClock.runAndExpect(ExitCodes.ERROR, "upload", photos.toString(), "--album",
                "trip", "--wait", "--wait-timeout", "3m", "--output", "json", "-q");

        JsonNode a = UploadReports.file(Json.mapper().readTree(result.out()), "a.jpg");
        assertThat(a.path("photoStatus").asText()).isEqualTo("PENDING");
        assertThat(a.path("reason").asText()).isEqualTo("still PENDING after waiting 3m");
    }

    @Test
    void a_failing_status_check_still_prints_the_upload_report() throws Exception {
        write("a.jpg", "a");
        backend.server().stubFor(get(urlEqualTo("/photos/photo-a.jpg")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}")));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.ERROR, "upload", photos.toString(), "--album", "trip",
                "--wait", "--output", "json", "-q");

        JsonNode a = UploadReports.file(Json.mapper().readTree(result.out()), "a.jpg");
        assertThat(a.path("status").asText()).isEqualTo("uploaded");
        assertThat(a.path("photoStatus").asText()).isEqualTo("PENDING");
        assertThat(a.path("reason").asText()).startsWith("could not check processing: the API failed");
    }

    @Test
    void a_bad_wait_timeout_is_a_usage_error() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.toString(), "--album", "trip",
                "--wait", "--wait-timeout", "soon");

        assertThat(result.err()).contains("'soon' is not a duration");
    }

    @Test
    void off_a_terminal_progress_is_a_plain_line_every_interval_and_one_at_the_end() throws Exception {
        for (int i = 0; i < 6; i++) {
            write("p" + i + ".jpg", "photo " + i);
        }
        PhotoCli fastClock = photo.with(photo.context().withClock(
                new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(2))));

        PhotoCli.Result result = fastClock.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");

        List<String> lines = result.err().lines().toList();
        assertThat(lines).hasSizeGreaterThan(2)
                .allSatisfy(line -> assertThat(line).matches("photo: upload \\d/6 files, \\d+ B/42 B, .*"));
        assertThat(lines.subList(0, lines.size() - 1)).anySatisfy(line -> assertThat(line).contains("ETA"));
        assertThat(lines.get(lines.size() - 1)).startsWith("photo: upload 6/6 files, 42 B/42 B, ")
                .containsPattern(", in \\d+s$");
        assertThat(result.out()).doesNotContain("photo: upload");
    }

    @Test
    void the_json_report_has_stable_field_names_for_every_file_and_the_totals() throws Exception {
        write("a.jpg", "a");
        write("notes.md", "n");

        JsonNode report = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("upload", photos.toString(),
                "--album", "trip", "--output", "json", "-q").out());

        assertThat(fieldNames(report)).containsExactly("dryRun", "files", "totals");
        assertThat(report.path("files")).allSatisfy(f -> assertThat(fieldNames(f))
                .containsExactly("path", "name", "status", "photoId", "reason", "album", "photoStatus"));
        assertThat(fieldNames(report.path("totals"))).containsExactly("uploaded", "duplicate", "rejected", "failed",
                "skipped", "wouldUpload", "total", "ignored", "processing");
        assertThat(report.at("/totals/processing").isNull()).isTrue();
        assertThat(UploadReports.file(report, "a.jpg").path("album").asText()).isEqualTo("trip");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String photoJson(String id, String name, String status, String error) {
        return """
                {"photo": {"photoId": "%s", "album": "trip", "fileName": "%s", "contentType": "image/jpeg",
                 "size": 1, "sha256": "00", "status": "%s", "uploadedAt": "2026-11-28T00:00:00Z",
                 "thumbnails": [], "error": %s},
                 "downloads": {}, "expiresAt": "2026-11-28T01:00:00Z"}""".formatted(id, name, status,
                error == null ? "null" : "\"" + error + "\"");
    }

    private String file(String name) {
        return photos.resolve(name).toString();
    }

    private void write(String name, String content) throws Exception {
        Path file = photos.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Test
    void plain_output_is_one_record_per_file_with_its_final_status_and_no_summary() throws Exception {
        write("a.jpg", "a");
        write("b.jpg", "b");
        backend.stubGet("/photos/photo-a.jpg", photoJson("photo-a.jpg", "a.jpg", "READY", null));
        backend.stubGet("/photos/photo-b.jpg", photoJson("photo-b.jpg", "b.jpg", "REJECTED", "not an image"));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.toString(), "--album",
                "trip", "--wait", "--output", "plain");

        assertThat(result.out().lines().sorted()).satisfiesExactly(
                a -> assertThat(a).matches("uploaded\ttrip\t\\S*a\\.jpg\tphoto-a\\.jpg\tREADY\t"),
                b -> assertThat(b).matches("uploaded\ttrip\t\\S*b\\.jpg\tphoto-b\\.jpg\tREJECTED\tnot an image"));
        assertThat(result.err()).contains("photo: processed 2/2 photos: 1 ready, 1 rejected, 0 pending, in ");
    }
}
