package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code photo download} against a fake API and fake storage: selection, names, skips, conflicts, output, codes. */
class DownloadCommandTest extends FakeBackendTestBase {

    @TempDir
    Path downloads;

    @BeforeEach
    void stubPhotos() {
        String base = backend.baseUrl().toString();
        backend.stubGet("/photos/p-1", details(photo("p-1", "IMG_0001.jpg", "ORIGINAL", "READY"),
                "\"original\": \"%1$s/s3/originals/p-1?X-Amz-Signature=sig1\", \"thumbnails\": "
                        + "{\"256\": \"%1$s/s3/thumbnails/p-1/256.jpg?X-Amz-Signature=sig2\"}", base));
        backend.stubGet("/photos/evil", details(photo("evil", "../../etc/passwd", "EVIL", "READY"),
                "\"original\": \"%s/s3/originals/evil?X-Amz-Signature=sig3\"", base));
        backend.stubGet("/photos/pending", details(photo("pending", "x.jpg", "PENDING-BYTES", "PENDING"), "", base));
        backend.server().stubFor(get(urlEqualTo("/photos/missing")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"not_found\",\"message\":\"no such photo\"}}")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/p-1")).willReturn(aResponse().withBody("ORIGINAL")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/thumbnails/p-1/256.jpg"))
                .willReturn(aResponse().withBody("THUMB256")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/evil")).willReturn(aResponse().withBody("EVIL")));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A listing's PHOTO whose original holds {@code content}. */
    static String photo(String id, String fileName, String content, String status) {
        return Json.mapper().createObjectNode().put("photoId", id).put("album", "trip").put("fileName", fileName)
                .put("contentType", "image/jpeg").put("size", content.length()).put("sha256", sha256(content))
                .put("status", status).set("thumbnails", Json.mapper().createArrayNode().add(256)).toString();
    }

    private static String details(String photo, String downloads, String base) {
        return "{\"photo\": " + photo + ", \"downloads\": {" + downloads.formatted(base)
                + "}, \"expiresAt\": \"2030-01-01T00:00:00Z\"}";
    }

    private PhotoCli.Result download(int exitCode, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-o";
        all[args.length + 1] = downloads.toString();
        return photo.runAndExpect(exitCode, all);
    }

    @Test
    void writes_the_original_under_its_file_name_and_reports_it() throws Exception {
        PhotoCli.Result result = download(ExitCodes.OK, "download", "p-1");

        Path file = downloads.resolve("IMG_0001.jpg");
        assertThat(file).hasContent("ORIGINAL");
        assertThat(result.out()).startsWith("downloaded 1, skipped 0, conflicts 0, failed 0 (1 photo) into "
                + downloads + "\n").contains("downloaded  " + file + "  p-1");
        try (var entries = Files.list(downloads)) {
            assertThat(entries).as("no part file is left").containsExactly(file);
        }
    }

    @Test
    void a_thumbnail_is_named_so_that_it_cannot_meet_an_original() {
        download(ExitCodes.OK, "download", "p-1", "--thumbnail", "256");

        assertThat(downloads.resolve("IMG_0001.thumb256.jpg")).hasContent("THUMB256");
    }

    @Test
    void a_rerun_skips_what_is_already_there_with_the_same_sha256() {
        download(ExitCodes.OK, "download", "p-1");
        PhotoCli.Result again = download(ExitCodes.OK, "download", "p-1");

        assertThat(again.out()).isEqualTo("downloaded 0, skipped 1, conflicts 0, failed 0 (1 photo) into "
                + downloads + "\n");
        backend.server().verify(1, getRequestedFor(urlPathEqualTo("/s3/originals/p-1")));
        PhotoCli.Result thumbs = download(ExitCodes.OK, "download", "p-1", "--thumbnail", "256");
        PhotoCli.Result thumbsAgain = download(ExitCodes.OK, "download", "p-1", "--thumbnail", "256");
        assertThat(thumbs.out()).startsWith("downloaded 1,");
        assertThat(thumbsAgain.out()).startsWith("downloaded 0, skipped 1,");
    }

    @Test
    void a_different_local_file_is_a_conflict_and_kept_unless_forced() throws Exception {
        Path file = downloads.resolve("IMG_0001.jpg");
        Files.writeString(file, "MINE");

        PhotoCli.Result refused = download(ExitCodes.CONFLICT, "download", "p-1");
        assertThat(file).hasContent("MINE");
        assertThat(refused.err()).isEqualTo("photo: error: p-1: a different file is there; --force replaces it\n");
        assertThat(refused.out()).contains("conflicts 1").contains("conflict  " + file);
        backend.server().verify(0, getRequestedFor(urlPathEqualTo("/s3/originals/p-1")));

        PhotoCli.Result forced = download(ExitCodes.OK, "download", "p-1", "--force");
        assertThat(file).hasContent("ORIGINAL");
        assertThat(forced.out()).contains("replaced a different local file");
    }

    @Test
    void a_folder_in_the_way_is_never_replaced_even_with_force() throws Exception {
        Files.createDirectories(downloads.resolve("IMG_0001.jpg"));

        download(ExitCodes.CONFLICT, "download", "p-1", "--force");

        assertThat(downloads.resolve("IMG_0001.jpg")).isDirectory();
    }

    @Test
    void strips_path_parts_from_the_stored_file_name() {
        download(ExitCodes.OK, "download", "evil");

        assertThat(downloads.resolve("passwd")).hasContent("EVIL");
    }

    @Test
    void reports_each_failed_id_and_exits_partial_when_others_worked() {
        PhotoCli.Result result = download(ExitCodes.PARTIAL, "download", "missing", "p-1", "pending");

        assertThat(downloads.resolve("IMG_0001.jpg")).exists();
        assertThat(result.err().lines()).containsExactly(
                "photo: error: missing: no such photo",
                "photo: error: pending: not downloadable (status PENDING)");
    }

    @Test
    void exits_not_found_when_no_id_exists() {
        PhotoCli.Result result = download(ExitCodes.NOT_FOUND, "download", "missing");

        assertThat(result.err()).isEqualTo("photo: error: missing: no such photo\n");
    }

    @Test
    void an_album_is_paged_through_and_photos_not_ready_are_skipped_with_their_reason() throws Exception {
        String base = backend.baseUrl().toString();
        backend.stubGet("/photos?album=trip&limit=1000", "{\"photos\": [" + photo("p-1", "IMG_0001.jpg",
                "ORIGINAL", "READY") + "], \"nextCursor\": \"c2\"}");
        backend.stubGet("/photos?album=trip&limit=1000&cursor=c2", "{\"photos\": ["
                + photo("p-2", "IMG_0001.JPG", "SECOND", "READY") + ", "
                + photo("pending", "x.jpg", "PENDING-BYTES", "PENDING") + "], \"nextCursor\": null}");
        backend.stubGet("/photos/p-2", details(photo("p-2", "IMG_0001.JPG", "SECOND", "READY"),
                "\"original\": \"%s/s3/originals/p-2?X-Amz-Signature=sig4\"", base));
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/p-2")).willReturn(aResponse().withBody("SECOND")));

        PhotoCli.Result result = download(ExitCodes.OK, "download", "--album", "trip", "--output", "json");

        assertThat(downloads.resolve("IMG_0001.jpg")).hasContent("ORIGINAL");
        assertThat(downloads.resolve("IMG_0001 (2).JPG")).hasContent("SECOND");
        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.path("totals").toString())
                .isEqualTo("{\"downloaded\":2,\"skipped\":1,\"conflicts\":0,\"failed\":0}");
        JsonNode first = report.path("downloaded").get(0);
        assertThat(first.path("photoId").asText()).isEqualTo("p-1");
        assertThat(first.path("fileName").asText()).isEqualTo("IMG_0001.jpg");
        assertThat(first.path("album").asText()).isEqualTo("trip");
        assertThat(first.path("sha256").asText()).isEqualTo(sha256("ORIGINAL"));
        assertThat(first.path("size").asLong()).isEqualTo(8);
        assertThat(first.path("path").asText()).isEqualTo(downloads.resolve("IMG_0001.jpg").toString());
        assertThat(first.path("status").asText()).isEqualTo("downloaded");
        JsonNode skipped = report.path("skipped").get(0);
        assertThat(skipped.path("photoId").asText()).isEqualTo("pending");
        assertThat(skipped.path("reason").asText()).isEqualTo("not_ready");
        assertThat(result.err()).as("no progress bar for JSON").isEmpty();
    }

    @Test
    void json_lists_conflicts_and_failures_among_the_failed_with_reasons() throws Exception {
        Files.writeString(downloads.resolve("IMG_0001.jpg"), "MINE");

        PhotoCli.Result result = download(ExitCodes.PARTIAL, "download", "p-1", "missing", "--output", "json");

        JsonNode failed = Json.mapper().readTree(result.out()).path("failed");
        assertThat(failed).hasSize(2);
        assertThat(failed.findValuesAsText("reason")).containsExactly("not_found", "conflict");
        assertThat(failed.findValuesAsText("status")).containsExactly("failed", "conflict");
    }

    @Test
    void a_thumbnail_size_the_server_does_not_make_is_refused_before_any_download() {
        backend.server().stubFor(get(urlEqualTo("/config")).atPriority(1).willReturn(okJson("""
                {"region": "local", "userPoolId": "local_photo", "clientId": "photo-cli",
                 "cognitoEndpoint": "%s/", "maxUploadBytes": 1000, "thumbnailSizes": [256, 1024]}"""
                .formatted(backend.baseUrl()))));

        PhotoCli.Result result = download(ExitCodes.USAGE, "download", "p-1", "--thumbnail", "512");

        assertThat(result.err()).isEqualTo("photo: error: --thumbnail must be one of the server's sizes: 256, 1024\n");
        backend.server().verify(0, getRequestedFor(urlPathMatching("/photos.*")));
    }

    @Test
    void needs_exactly_one_of_ids_album_or_all() {
        assertThat(download(ExitCodes.USAGE, "download").err()).contains("photo ids, --album NAME or --all");
        assertThat(download(ExitCodes.USAGE, "download", "p-1", "--all").err()).contains("not several");
        assertThat(download(ExitCodes.USAGE, "download", "--album", "../x").err()).contains("invalid album");
        assertThat(download(ExitCodes.USAGE, "download", "p-1", "--parallel", "0").err()).contains("--parallel");
    }

    @Test
    void needs_a_login() {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "remote");

        PhotoCli.Result result = download(ExitCodes.AUTH, "download", "--all", "--profile", "remote");

        assertThat(result.err()).startsWith("photo: error: not logged in");
    }

    @Test
    void draws_one_progress_bar_on_a_terminal_and_none_for_json_quiet_or_scripts() throws Exception {
        PhotoCli onTerminal = photo.with(photo.context().withTerminal(dev.photo.cli.FakeTerminal.ofDefaultWidth()));

        PhotoCli.Result shown = onTerminal.runAndExpect(ExitCodes.OK, "download", "p-1", "evil", "-o",
                downloads.resolve("a").toString());
        PhotoCli.Result json = onTerminal.runAndExpect(ExitCodes.OK, "download", "p-1", "-o",
                downloads.resolve("b").toString(), "--output", "json");
        PhotoCli.Result quiet = onTerminal.runAndExpect(ExitCodes.OK, "download", "p-1", "-o",
                downloads.resolve("c").toString(), "-q");
        PhotoCli.Result piped = download(ExitCodes.OK, "download", "p-1");

        assertThat(shown.err()).contains("download").contains("100%").contains("2/2 files").contains("\r");
        assertThat(shown.out()).doesNotContain("%");
        assertThat(json.err()).isEmpty();
        assertThat(quiet.err()).isEmpty();
        assertThat(piped.err()).isEmpty();
    }

    @Test
    void the_presigned_url_is_never_printed_even_with_debug() {
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/evil")).atPriority(1)
                .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>")));

        PhotoCli.Result result = download(ExitCodes.PARTIAL, "download", "p-1", "evil", "--thumbnail", "256",
                "--debug");
        PhotoCli.Result originals = download(ExitCodes.PARTIAL, "download", "p-1", "evil", "--debug",
                "--output", "json");

        for (PhotoCli.Result r : new PhotoCli.Result[] {result, originals}) {
            assertThat(r.out() + r.err()).doesNotContain("X-Amz-Signature").doesNotContain("sig1")
                    .doesNotContain("sig2").doesNotContain("sig3");
        }
        assertThat(originals.err()).contains("storage answered HTTP 403 AccessDenied");
    }
}
