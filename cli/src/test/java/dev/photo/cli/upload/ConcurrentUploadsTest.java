package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.PhotoInfo;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code photo upload} processes of one profile at once, as CI jobs run them: they share the profile's
 * upload-state database, and each must finish with its JSON report and exit 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentUploadsTest {

    private static final int PROCESSES = 6;
    private static final int FILES_EACH = 8;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path configDir;
    @TempDir
    static Path stateDir;
    @TempDir
    static Path photos;

    private LocalStack stack;

    @BeforeAll
    void start() {
        // published like 'photo local serve', so that the processes use this stack instead of starting their own
        stack = LocalStack.start(new LocalStackOptions(dataDir, 0, 0, 0, true));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void concurrent_uploads_of_one_profile_all_succeed_and_report() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path folder = Files.createDirectories(photos.resolve("run" + p));
            for (int f = 0; f < FILES_EACH; f++) {
                LocalStackFixture.paddedJpeg(folder.resolve("img" + f + ".jpg"), 20_000 + f, p * 100L + f);
            }
            processes.add(upload(folder));
        }

        for (Process process : processes) {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the upload ends").isTrue();
            String out = new String(process.getInputStream().readAllBytes());
            String err = new String(process.getErrorStream().readAllBytes());
            assertThat(process.exitValue()).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(ExitCodes.OK);
            JsonNode report = Json.mapper().readTree(out);
            assertThat(report.path("files")).as(out).hasSize(FILES_EACH);
            report.path("files").forEach(f -> assertThat(f.path("status").asText()).as(out).isEqualTo("uploaded"));
        }
        try (Session session = LocalStackFixture.session(stack, configDir)) {
            assertThat(stack.awaitIdle(Duration.ofSeconds(120))).isTrue();
            List<PhotoInfo> listed = session.api().listPhotos("shared", 100, null).photos();
            assertThat(listed).hasSize(PROCESSES * FILES_EACH);
        }
    }

    private Process upload(Path folder) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.photo.cli.Main", "upload", folder.toString(),
                "--album", "shared", "--output", "json", "--quiet", "--data-dir", dataDir.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PHOTO_CONFIG_DIR", configDir.toString());
        builder.environment().put("PHOTO_STATE_DIR", stateDir.toString());
        builder.environment().remove("PHOTO_PROFILE");
        return builder.start();
    }
}
