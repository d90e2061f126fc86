package dev.photo.cli.command;

import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class DownloadCommandTest extends FakeBackendTestBase {

    @TempDir
    Path downloads;

    @BeforeEach
    void stubPhotos() {
        String base = backend.baseUrl().toString();
        backend.stubGet("/photos/p-1", """
                {"photo": {"photoId": "p-1", "album": "trip", "fileName": "IMG_0001.jpg", "status": "READY",
                           "thumbnails": [256, 1024]},
                 "downloads": {"original": "%1$s/s3/originals/p-1?sig=1",
                               "thumbnails": {"256": "%1$s/s3/thumbnails/p-1/256.jpg?sig=2",
                                              "1024": "%1$s/s3/thumbnails/p-1/1024.jpg?sig=3"}},
                 "expiresAt": "2030-01-01T00:00:00Z"}""".formatted(base));
        backend.stubGet("/photos/evil", """
                {"photo": {"photoId": "evil", "fileName": "../../etc/passwd", "status": "READY"},
                 "downloads": {"original": "%s/s3/originals/evil?sig=1"}}""".formatted(base));
        backend.stubGet("/photos/pending", """
                {"photo": {"photoId": "pending", "fileName": "x.jpg", "status": "PENDING"}, "downloads": {}}""");
        backend.server().stubFor(get(urlEqualTo("/photos/missing")).atPriority(1).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"not_found\",\"message\":\"no such photo\"}}")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/p-1")).willReturn(aResponse().withBody("ORIGINAL")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/thumbnails/p-1/256.jpg"))
                .willReturn(aResponse().withBody("THUMB256")));
        backend.server().stubFor(get(urlPathEqualTo("/s3/originals/evil")).willReturn(aResponse().withBody("EVIL")));
    }

    @Test
    void writes_the_original_under_its_file_name_and_prints_the_path() throws Exception {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("download", "p-1", "-o", downloads.toString());

        Path file = downloads.resolve("IMG_0001.jpg");
        assertThat(file).hasContent("ORIGINAL");
        assertThat(result.out().strip()).isEqualTo(file.toString());
        try (var entries = Files.list(downloads)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void a_thumbnail_is_named_after_the_original_with_its_size() {
        photo.runAndEnsureExitCodeOk("download", "p-1", "--thumbnail", "256", "-o", downloads.toString());

        assertThat(downloads.resolve("IMG_0001-256.jpg")).hasContent("THUMB256");
    }

    @Test
    void does_not_overwrite_an_existing_file_unless_forced() throws Exception {
        Path file = downloads.resolve("IMG_0001.jpg");
        Files.writeString(file, "MINE");

        PhotoCli.Result refused = photo.runAndExpect(ExitCodes.ERROR, "download", "p-1", "-o", downloads.toString());
        assertThat(file).hasContent("MINE");
        assertThat(refused.err()).contains("already exists").contains("--force");

        photo.runAndEnsureExitCodeOk("download", "p-1", "-o", downloads.toString(), "--force");
        assertThat(file).hasContent("ORIGINAL");
    }

    @Test
    void strips_path_parts_from_the_server_file_name() {
        photo.runAndEnsureExitCodeOk("download", "evil", "-o", downloads.toString());

        assertThat(downloads.resolve("passwd")).hasContent("EVIL");
    }

    @Test
    void reports_each_failed_id_and_exits_partial_when_others_worked() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "download", "missing", "p-1", "pending",
                "-o", downloads.toString());

        assertThat(downloads.resolve("IMG_0001.jpg")).exists();
        assertThat(result.err().lines()).containsExactly(
                "photo: error: missing: no such photo",
                "photo: error: pending: not downloadable yet (status PENDING)");
    }

    @Test
    void exits_not_found_when_no_id_exists() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.NOT_FOUND, "download", "missing", "-o",
                downloads.toString());

        assertThat(result.err()).isEqualTo("photo: error: missing: no such photo\n");
    }
}
