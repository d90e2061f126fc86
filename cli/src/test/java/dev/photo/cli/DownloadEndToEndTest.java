package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo download} on the real local stack (its S3 server, API and processor): the samples uploaded are
 * downloaded byte for byte; a rerun skips them all; a file changed locally is a conflict and kept, and replaced and
 * verified with {@code --force}; a large file's part left by an interrupted run is continued with a Range request.
 */
class DownloadEndToEndTest extends LocalStackCliTestBase {

    private static final Path SAMPLES = LocalStackCli.samples();
    private static final int BIG = 24 << 20;

    @TempDir
    static Path work;

    private final Map<String, String> sampleShas = new TreeMap<>();

    @BeforeAll
    void uploadTheSamples() throws Exception {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().endsWith(".md")).toList()) {
                sampleShas.put(file.getFileName().toString(), sha256(file));
            }
        }
        List<String> upload = new ArrayList<>(List.of("upload", "--album", "e2e", "--wait", "--quiet"));
        sampleShas.keySet().forEach(name -> upload.add(SAMPLES.resolve(name).toString()));
        photo.runAndEnsureExitCodeOk(upload.toArray(String[]::new));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private JsonNode downloadJson(int exitCode, Path into, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("download", "--album", "e2e", "-o", into.toString(),
                "--output", "json"));
        args.addAll(List.of(more));
        return Json.mapper().readTree(photo.runAndExpect(exitCode, args.toArray(String[]::new)).out());
    }

    @Test
    void an_album_downloads_verified_then_skips_keeps_a_changed_file_and_replaces_it_only_when_forced()
            throws Exception {
        Path into = work.resolve("album");

        JsonNode first = downloadJson(ExitCodes.OK, into);
        assertThat(first.path("totals").path("downloaded").asInt()).isEqualTo(sampleShas.size());
        for (Map.Entry<String, String> sample : sampleShas.entrySet()) {
            assertThat(sha256(into.resolve(sample.getKey()))).as(sample.getKey()).isEqualTo(sample.getValue());
        }
        try (Stream<Path> files = Files.list(into)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no part file is left")
                    .containsExactlyInAnyOrderElementsOf(sampleShas.keySet());
        }

        JsonNode again = downloadJson(ExitCodes.OK, into);
        assertThat(again.path("totals").toString()).isEqualTo("{\"downloaded\":0,\"skipped\":" + sampleShas.size()
                + ",\"conflicts\":0,\"failed\":0}");
        assertThat(again.path("skipped").findValuesAsText("reason")).containsOnly("same_sha256");

        Path changed = into.resolve("03-waves.jpg");
        byte[] corrupt = Files.readAllBytes(changed);
        corrupt[corrupt.length / 2] ^= 0x55;
        Files.write(changed, corrupt);
        JsonNode conflict = downloadJson(ExitCodes.CONFLICT, into);
        assertThat(conflict.path("totals").path("conflicts").asInt()).isEqualTo(1);
        assertThat(conflict.path("failed").get(0).path("fileName").asText()).isEqualTo("03-waves.jpg");
        assertThat(Files.readAllBytes(changed)).as("nothing overwritten").isEqualTo(corrupt);

        JsonNode forced = downloadJson(ExitCodes.OK, into, "--force");
        assertThat(forced.path("downloaded")).hasSize(1);
        assertThat(forced.path("downloaded").get(0).path("reason").asText()).isEqualTo("replaced");
        assertThat(sha256(changed)).isEqualTo(sampleShas.get("03-waves.jpg"));

        Path thumbs = work.resolve("thumbs");
        photo.runAndEnsureExitCodeOk("download", "--album", "e2e", "--thumbnail", "256", "-o", thumbs.toString());
        assertThat(thumbs.resolve("01-sunset.thumb256.jpg")).isNotEmptyFile();
        assertThat(photo.runAndEnsureExitCodeOk("download", "--album", "e2e", "--thumbnail", "256", "-o",
                thumbs.toString()).out()).startsWith("downloaded 0, skipped " + sampleShas.size() + ",");
    }

    @Test
    void a_large_files_part_left_by_an_interrupted_run_is_continued_with_a_range_and_verified() throws Exception {
        Path big = work.resolve("big.jpg");
        byte[] padding = new byte[1 << 20];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write(Files.readAllBytes(SAMPLES.resolve("06-forest.jpg")));
            for (int i = 0; i < BIG >> 20; i++) {
                random.nextBytes(padding);
                out.write(padding);
            }
        }
        photo.runAndEnsureExitCodeOk("upload", big.toString(), "--album", "large", "--wait", "--quiet");
        JsonNode listed = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("list", "--album", "large",
                "--output", "json").out()).path("photos").get(0);
        String id = listed.path("photoId").asText();
        Path into = Files.createDirectories(work.resolve("resume"));
        // what a run killed after 10 MiB leaves: the first bytes of the photo in its part file
        int kept = 10 << 20;
        byte[] whole = Files.readAllBytes(big);
        Files.write(into.resolve(".photo-" + id + ".part"), java.util.Arrays.copyOf(whole, kept));

        JsonNode resumed = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("download", id, "-o",
                into.toString(), "--output", "json").out()).path("downloaded").get(0);

        assertThat(resumed.path("resumedFrom").asLong()).isEqualTo(kept);
        assertThat(sha256(into.resolve("big.jpg"))).isEqualTo(sha256(big));
        assertThat(into.resolve(".photo-" + id + ".part")).doesNotExist();

        // a part whose bytes are not the photo's (another tool's leftovers, a disk fault) is found out and replaced
        Files.delete(into.resolve("big.jpg"));
        byte[] wrong = java.util.Arrays.copyOf(whole, kept);
        wrong[100] ^= 1;
        Files.write(into.resolve(".photo-" + id + ".part"), wrong);
        JsonNode redone = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("download", id, "-o",
                into.toString(), "--output", "json").out()).path("downloaded").get(0);
        assertThat(redone.has("resumedFrom")).isFalse();
        assertThat(sha256(into.resolve("big.jpg"))).isEqualTo(sha256(big));
    }
}
