package dev.photo.cli.download;

import com.fasterxml.jackson.databind.JsonNode;

import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code kill -9} of {@code photo download} in the middle of a large file, against {@code photo local serve}
 * in its own process: the rerun continues the part the killed run left with a Range request instead of fetching the
 * whole file again, and the result is the photo byte for byte. The kill comes once the part holds 8 MiB, so it lands
 * in the middle of the transfer whatever the speed of the machine.
 */
class KilledDownloadTest {

    private static final long SIZE = 64L << 20;
    private static final long KILL_AT = 8L << 20;

    private Path root;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        PhotoProcess.stopAndDelete(server, root);
    }

    @Test
    void a_download_killed_mid_file_is_continued_from_its_part_by_the_rerun() throws Exception {
        root = Files.createTempDirectory("photo-killed-download-");
        Path data = Files.createDirectories(root.resolve("data"));
        Path into = Files.createDirectories(root.resolve("into"));
        Path big = bigJpeg(root.resolve("big.jpg"));
        serve(data);
        Process upload = photo(data, "upload", big.toString(), "--album", "big", "--quiet", "--wait")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(upload.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(upload.exitValue()).as(new String(upload.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(ExitCodes.OK);

        Process killed = photo(data, "download", "--album", "big", "-o", into.toString(), "--quiet")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long atKill = awaitPart(into, killed);
        PhotoProcess.kill9(killed);
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path part = onlyPart(into);
        long left = Files.size(part);
        assertThat(left).as("the part the killed run left").isBetween(atKill, SIZE - 1);
        assertThat(into.resolve("big.jpg")).as("nothing unverified under the final name").doesNotExist();

        Process rerun = photo(data, "download", "--album", "big", "-o", into.toString(), "--output", "json").start();
        String out = new String(rerun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(rerun.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rerun.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(rerun.exitValue()).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(ExitCodes.OK);
        JsonNode downloaded = Json.mapper().readTree(out).path("downloaded").get(0);
        assertThat(downloaded.path("resumedFrom").asLong()).isEqualTo(left);
        assertThat(sha256(into.resolve("big.jpg"))).isEqualTo(sha256(big));
        assertThat(part).doesNotExist();
    }

    /** A JPEG the processor can read, padded with random bytes to {@link #SIZE}. */
    private static Path bigJpeg(Path file) throws IOException {
        Path sample = Path.of("..", "samples", "06-forest.jpg");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(11);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] jpeg = Files.readAllBytes(sample);
            out.write(jpeg);
            for (long left = SIZE - jpeg.length; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    /** Waits until the running download's part holds {@link #KILL_AT} bytes; how many it held then. */
    private static long awaitPart(Path into, Process download) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(download.isAlive()).as("the download is still running").isTrue();
            try (Stream<Path> files = Files.list(into)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".part")).toList()) {
                    long size = Files.size(file);
                    if (size >= KILL_AT) {
                        return size;
                    }
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // renamed into place meanwhile: the isAlive check above ends the test on the next round
            }
            Thread.sleep(2);
        }
        throw new AssertionError("the download never wrote " + KILL_AT + " bytes");
    }

    private static Path onlyPart(Path into) throws IOException {
        try (Stream<Path> files = Files.list(into)) {
            List<Path> parts = files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
            assertThat(parts).hasSize(1);
            return parts.get(0);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void serve(Path data) throws Exception {
        Path log = root.resolve("serve.log");
        server = photo(data, "local", "serve", "--api-port", "0", "--cognito-port", "0", "--s3-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PhotoProcess.awaitServing(server, data, log);
    }

    private ProcessBuilder photo(Path data, String... args) {
        List<String> withData = new ArrayList<>(List.of(args));
        withData.addAll(List.of("--data-dir", data.toString()));
        return PhotoProcess.builder(root.resolve("config"), root.resolve("state"), withData.toArray(String[]::new));
    }
}
