package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo upload}'s choice and feedback options against the embedded local stack: the real API handler, the
 * real S3-compatible server and the real processor.
 */
class UploadOptionsEndToEndTest extends LocalStackCliTestBase {



    private static Path samples() {
        return LocalStackCli.samples();
    }

    private JsonNode json(String... args) throws Exception {
        return Json.mapper().readTree(photo.runAndEnsureExitCodeOk(args).out());
    }


    @Test
    void a_dry_run_reports_the_plan_and_changes_nothing(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("plan-a"));
        Files.writeString(dir.resolve("plan-a/one.jpg"), "dry run photo one");
        Files.writeString(dir.resolve("plan-a/one-again.jpg"), "dry run photo one");
        Files.writeString(dir.resolve("plan-a/logo.svg.jpg"), "dry run photo two");
        Files.createDirectories(dir.resolve("plan-b"));
        Files.writeString(dir.resolve("plan-b/three.jpg"), "dry run photo three");
        Files.writeString(dir.resolve("plan-b/notes.txt"), "not a photo");
        long photosBefore = json("list", "--output", "json").path("photos").size();

        JsonNode plan = json("upload", dir.toString(), "--album-from-folder", "--dry-run", "--output", "json");

        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(plan.at("/totals/wouldUpload").asInt()).isEqualTo(3);
        assertThat(plan.at("/totals/duplicate").asInt()).as("same bytes twice in one batch").isEqualTo(1);
        assertThat(plan.at("/totals/skipped").asInt()).isEqualTo(1);
        assertThat(UploadReports.file(plan, "three.jpg").path("album").asText()).isEqualTo("plan-b");
        JsonNode albums = json("albums", "--output", "json").path("albums");
        assertThat(albums.findValuesAsText("name")).doesNotContain("plan-a", "plan-b");
        assertThat(json("list", "--output", "json").path("photos").size()).isEqualTo(photosBefore);

        PhotoCli.Result real = photo.runAndEnsureExitCodeOk("upload", dir.toString(), "--album-from-folder", "-q");
        assertThat(real.out()).as("the dry run left nothing behind that would make these duplicates")
                .contains("uploaded 3, duplicate 1, rejected 0, failed 0, skipped 1");
    }

    @Test
    void album_from_folder_makes_two_albums_and_wait_reports_each_final_status(@TempDir Path dir)
            throws Exception {
        Path samples = samples();
        Files.createDirectories(dir.resolve("beach"));
        Files.createDirectories(dir.resolve("city"));
        Files.copy(samples.resolve("03-waves.jpg"), dir.resolve("beach/03-waves.jpg"));
        Files.copy(samples.resolve("01-sunset.jpg"), dir.resolve("beach/01-sunset.jpg"));
        Files.copy(samples.resolve("04-checkers.jpg"), dir.resolve("city/04-checkers.jpg"));
        Files.writeString(dir.resolve("city/fake.jpg"), "text that only calls itself a jpeg");
        Files.writeString(dir.resolve(".hidden.jpg"), "hidden");
        Files.writeString(dir.resolve("._03-waves.jpg"), "apple double");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", dir.toString(),
                "--album-from-folder", "--wait", "--wait-timeout", "2m", "--output", "json");

        JsonNode report = Json.mapper().readTree(result.out());
        assertThat(report.at("/totals/uploaded").asInt()).isEqualTo(4);
        assertThat(report.at("/totals/ignored").asInt()).isEqualTo(2);
        assertThat(report.at("/totals/processing/ready").asInt()).isEqualTo(3);
        assertThat(report.at("/totals/processing/rejected").asInt()).isEqualTo(1);
        assertThat(UploadReports.file(report, "01-sunset.jpg").path("photoStatus").asText()).isEqualTo("READY");
        assertThat(UploadReports.file(report, "fake.jpg").path("photoStatus").asText()).isEqualTo("REJECTED");
        assertThat(UploadReports.file(report, "fake.jpg").path("reason").asText()).isNotBlank();
        assertThat(result.err()).contains("photo: waiting for 4 photos to be processed")
                .contains("photo: processed 4/4 photos: 3 ready, 1 rejected, 0 pending, in ")
                .doesNotContain("\u001b");

        JsonNode albums = json("albums", "--output", "json").path("albums");
        assertThat(albums).filteredOn(a -> a.path("name").asText().equals("beach")).singleElement()
                .satisfies(a -> assertThat(a.path("count").asInt()).isEqualTo(2));
        // album counts are READY photos only: the rejected fake.jpg is not one of the city's photos
        assertThat(albums).filteredOn(a -> a.path("name").asText().equals("city")).singleElement()
                .satisfies(a -> assertThat(a.path("count").asInt()).isEqualTo(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isNotEmpty();
        }
    }
}
