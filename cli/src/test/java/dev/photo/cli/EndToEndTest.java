package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job as a user runs it: {@code photo} against the embedded local stack, with the real handlers, the real
 * S3-compatible server and the real processor, over real HTTP.
 */
class EndToEndTest extends LocalStackCliTestBase {

    private static final Path SAMPLES = LocalStackCli.samples();

    @TempDir
    static Path downloads;


    private static List<Path> samplePhotos() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png")).sorted()
                    .toList();
        }
    }

    private JsonNode photosInAlbum(String album) throws Exception {
        return Json.mapper().readTree(photo.runAndEnsureExitCodeOk("list", "--album", album, "--output", "json")
                .out()).get("photos");
    }

    private static JsonNode byName(JsonNode photos, String fileName) {
        for (JsonNode p : photos) {
            if (p.get("fileName").asText().equals(fileName)) {
                return p;
            }
        }
        throw new AssertionError("no photo named " + fileName + " in " + photos);
    }

    @Test
    void uploads_the_samples_lists_them_ready_downloads_thumbnails_and_then_finds_only_duplicates()
            throws Exception {
        List<Path> samples = samplePhotos();
        assertThat(samples).hasSizeBetween(6, 10);

        PhotoCli.Result upload = photo.runAndEnsureExitCodeOk("upload", SAMPLES.toString(), "--album", "trip");
        assertThat(upload.out()).contains("uploaded " + samples.size() + ", duplicate 0, rejected 0, failed 0");

        JsonNode photos = photosInAlbum("trip");
        assertThat(photos).hasSize(samples.size());
        assertThat(photos).allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("READY");
            assertThat(p.get("thumbnails").toString()).isEqualTo("[256,1024]");
        });

        JsonNode tower = byName(photos, "02-tower-orientation6.jpg");
        assertThat(tower.get("height").asInt()).isGreaterThan(tower.get("width").asInt());
        photo.runAndEnsureExitCodeOk("download", tower.get("photoId").asText(), "--thumbnail", "256",
                "-o", downloads.toString());
        BufferedImage thumb = ImageIO.read(downloads.resolve("02-tower-orientation6.thumb256.jpg").toFile());
        assertThat(thumb.getHeight()).as("portrait after EXIF orientation 6").isEqualTo(256);
        assertThat(thumb.getWidth()).isEqualTo(192);

        JsonNode sunset = byName(photos, "01-sunset.jpg");
        photo.runAndEnsureExitCodeOk("download", sunset.get("photoId").asText(), "-o", downloads.toString());
        assertThat(downloads.resolve("01-sunset.jpg")).hasSameBinaryContentAs(SAMPLES.resolve("01-sunset.jpg"));
        BufferedImage large = ImageIO.read(downloadThumbnail(sunset, "1024").toFile());
        assertThat(Math.max(large.getWidth(), large.getHeight())).isEqualTo(1024);

        PhotoCli.Result again = photo.runAndEnsureExitCodeOk("upload", SAMPLES.toString(), "--album", "trip");
        assertThat(again.out()).contains("uploaded 0, duplicate " + samples.size() + ", rejected 0, failed 0");

        JsonNode albums = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("albums", "--output", "json").out());
        assertThat(albums.toString()).contains("\"name\":\"trip\"").contains("\"count\":" + samples.size());
    }

    private Path downloadThumbnail(JsonNode p, String size) throws Exception {
        Path dir = Files.createDirectories(downloads.resolve("t" + size));
        photo.runAndEnsureExitCodeOk("download", p.get("photoId").asText(), "--thumbnail", size, "-o", dir.toString());
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void a_file_that_is_not_an_image_ends_rejected_with_its_reason(@TempDir Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("holiday.jpg"), "not a jpeg, only text pretending to be one");

        photo.runAndEnsureExitCodeOk("upload", fake.toString(), "--album", "fakes");

        JsonNode rejected = byName(photosInAlbum("fakes"), "holiday.jpg");
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("error").asText()).isNotBlank();
        assertThat(rejected.get("thumbnails")).isEmpty();
        PhotoCli.Result table = photo.runAndEnsureExitCodeOk("list", "--album", "fakes");
        assertThat(table.out()).contains("REJECTED");
    }

    @Test
    void without_a_running_server_each_command_runs_the_stack_in_process(@TempDir Path ownData,
                                                                          @TempDir Path ownConfig) throws Exception {
        PhotoCli standalone = new PhotoCli(LocalStackCli.isolated(ownConfig, ownData));

        standalone.runAndEnsureExitCodeOk("upload", SAMPLES.resolve("03-waves.jpg").toString(), "--album", "solo");
        JsonNode listed = Json.mapper().readTree(standalone.runAndEnsureExitCodeOk(
                "list", "--album", "solo", "--output", "json").out());

        assertThat(listed.get("photos")).singleElement()
                .satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("READY"));
        assertThat(LocalStack.adminCredentials(ownData)).isPresent();
        try (Stream<Path> tokens = Files.walk(ownConfig)) {
            assertThat(tokens.filter(Files::isRegularFile)).isNotEmpty().allSatisfy(f -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
        }
    }

    @Test
    void a_running_local_server_is_found_and_used_then_stops_on_interrupt(@TempDir Path ownData,
                                                                           @TempDir Path ownConfig)
            throws Exception {
        CliContext context = LocalStackCli.isolated(ownConfig, ownData);
        StringWriter serveOut = new StringWriter();
        AtomicInteger serveExit = new AtomicInteger(-1);
        Thread server = new Thread(() -> serveExit.set(Main.run(context, new PrintWriter(serveOut, true),
                new PrintWriter(new StringWriter(), true), "local", "serve", "--api-port", "0",
                "--cognito-port", "0", "--s3-port", "0")), "serve");
        server.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (LocalStack.findRunning(ownData).isEmpty()) {
            assertThat(System.nanoTime()).as("server published").isLessThan(deadline);
            Thread.sleep(50);
        }

        PhotoCli client = new PhotoCli(context);
        // --wait: albums count READY photos only, so the album shows once its photo is processed
        client.runAndEnsureExitCodeOk("upload", SAMPLES.resolve("04-checkers.jpg").toString(), "--album", "served",
                "--wait");
        assertThat(client.runAndEnsureExitCodeOk("albums").out()).contains("served");

        server.interrupt();
        server.join(Duration.ofSeconds(30).toMillis());
        assertThat(server.isAlive()).isFalse();
        assertThat(serveExit.get()).isEqualTo(ExitCodes.INTERRUPTED);
        assertThat(serveOut.toString()).contains("API:").contains("S3 endpoint:");
        assertThat(ownData.resolve("server.json")).doesNotExist();
    }
}
