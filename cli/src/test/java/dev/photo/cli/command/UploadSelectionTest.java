package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.UploadReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** Which files {@code photo upload} takes, and into which album: globs, hidden files, recursion, album folders. */
class UploadSelectionTest extends FakeBackendTestBase {

    @TempDir
    Path photos;

    @Test
    void include_and_exclude_globs_match_the_relative_path_or_the_bare_name() throws Exception {
        write("2024/a.jpg");
        write("2024/a_small.jpg");
        write("2024/b.png");
        write("raw/c.jpg");
        write("top.jpg");

        JsonNode report = json(photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--include", "*.jpg", "--exclude", "*_small.jpg", "--exclude", "raw", "--output", "json", "-q"));

        assertThat(sentNames()).containsExactlyInAnyOrder("a.jpg", "top.jpg");
        assertThat(report.at("/totals/ignored").asInt()).as("b.png, a_small.jpg and the raw folder").isEqualTo(3);
        assertThat(report.get("files").findValuesAsText("name")).containsExactly("a.jpg", "top.jpg");
    }

    @Test
    void a_glob_with_a_slash_matches_only_the_path_below_the_folder() throws Exception {
        write("2024/a.jpg");
        write("2025/b.jpg");
        write("2024/deeper/c.jpg");

        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "--include", "2024/*", "-q");

        assertThat(sentNames()).containsExactly("a.jpg");
    }

    @Test
    void an_invalid_glob_is_a_usage_error_before_anything_is_read() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.toString(), "--album", "trip",
                "--include", "[a-");

        assertThat(result.err()).startsWith("photo: error: invalid --include pattern '[a-'");
        assertThat(backend.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void hidden_files_are_taken_with_hidden_but_junk_never_is() throws Exception {
        write("a.jpg");
        write(".hidden.jpg");
        write(".folder/b.jpg");
        write("._a.jpg");
        write(".DS_Store");
        write("@eaDir/a.jpg/SYNOPHOTO_THUMB_XL.jpg");
        write("Thumbs.db");
        write("desktop.ini");

        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "-q");
        List<String> byDefault = sentNames();
        backend.server().resetRequests();
        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "--hidden", "-q");

        assertThat(byDefault).containsExactly("a.jpg");
        // a.jpg went up in the first run: the upload cache skips it without reading it
        assertThat(sentNames()).containsExactlyInAnyOrder(".hidden.jpg", "b.jpg");
    }

    @Test
    void no_recursive_takes_only_the_files_directly_in_the_folder() throws Exception {
        write("a.jpg");
        write("sub/b.jpg");

        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "--no-recursive", "-q");

        assertThat(sentNames()).containsExactly("a.jpg");
    }

    @Test
    void symbolic_links_are_reported_skipped_unless_followed() throws Exception {
        write("a.jpg");
        Path outside = Files.createTempDirectory(config, "outside");
        Files.writeString(outside.resolve("b.jpg"), "b");
        Files.createSymbolicLink(photos.resolve("linked"), outside);

        PhotoCli.Result notFollowed = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "-q");
        List<String> first = sentNames();
        backend.server().resetRequests();
        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "--follow-symlinks", "-q");

        assertThat(first).containsExactly("a.jpg");
        assertThat(notFollowed.out()).contains("skipped 1: symbolic link, not followed (use --follow-symlinks)");
        assertThat(sentNames()).containsExactly("b.jpg");
    }

    @Test
    void album_from_folder_makes_each_top_level_folder_an_album() throws Exception {
        write("trip/a.jpg");
        write("trip/day 2/b.jpg");
        write("home/c.jpg");
        write("loose.jpg");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album-from-folder");

        // the pipeline may split an album over several requests, but never mixes albums in one
        Map<String, List<String>> namesByAlbum = new TreeMap<>();
        for (JsonNode batch : backend.uploadBatches()) {
            namesByAlbum.computeIfAbsent(batch.path("album").asText(), a -> new ArrayList<>())
                    .addAll(batch.path("files").findValuesAsText("name"));
        }
        assertThat(namesByAlbum).containsOnlyKeys("home", "trip");
        assertThat(namesByAlbum.get("trip")).containsExactlyInAnyOrder("a.jpg", "b.jpg");
        assertThat(namesByAlbum.get("home")).containsExactly("c.jpg");
        assertThat(result.out()).contains("uploaded 3, duplicate 0, rejected 0, failed 0, skipped 1 (4 files, "
                        + "albums ").contains("skipped 1: directly in " + photos + ", not in an album folder "
                        + "(give --album to upload it)");
    }

    @Test
    void album_from_folder_puts_loose_files_into_album_and_refuses_folders_that_cannot_be_albums()
            throws Exception {
        write("trip/a.jpg");
        write("what?/b.jpg");
        write("loose.jpg");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.toString(),
                "--album-from-folder", "--album", "misc", "--output", "json", "-q");

        JsonNode report = json(result);
        assertThat(backend.uploadBatches()).extracting(b -> b.path("album").asText())
                .containsExactlyInAnyOrder("trip", "misc");
        JsonNode refused = UploadReports.file(report, "b.jpg");
        assertThat(refused.path("status").asText()).isEqualTo("rejected");
        assertThat(refused.path("reason").asText()).startsWith("folder name 'what?' cannot be an album");
        assertThat(UploadReports.file(report, "loose.jpg").path("album").asText()).isEqualTo("misc");
        assertThat(UploadReports.file(report, "a.jpg").path("album").asText()).isEqualTo("trip");
    }

    @Test
    void without_album_or_album_from_folder_it_is_a_usage_error() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "upload", photos.toString());

        assertThat(result.err()).startsWith("photo: error: --album NAME is required (or --album-from-folder");
        assertThat(backend.server().getAllServeEvents()).isEmpty();
    }

    /** The files whose bytes were sent (declared files the server already holds are not). */
    private List<String> sentNames() {
        List<String> names = new ArrayList<>();
        backend.server().findAll(putRequestedFor(urlPathMatching("/s3/.*")))
                .forEach(put -> names.add(FakeBackend.objectName(put.getUrl())));
        return names;
    }

    private void write(String relative) throws Exception {
        Path file = photos.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative, StandardCharsets.UTF_8);
    }

    private static JsonNode json(PhotoCli.Result result) throws Exception {
        return Json.mapper().readTree(result.out());
    }

}
