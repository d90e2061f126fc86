package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.backend.Session;
import dev.photo.contract.PhotoInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
class ConcurrentUploadsTest {

    private static final int PROCESSES = 6;
    private static final int FILES_EACH = 8;

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.published();

    @Test
    void concurrent_uploads_of_one_profile_all_succeed_and_report() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path folder = Files.createDirectories(LOCAL.photos().resolve("run" + p));
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
        try (Session session = LocalStackFixture.session(LOCAL.stack(), LOCAL.configDir())) {
            assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(120))).isTrue();
            List<PhotoInfo> listed = session.api().listPhotos("shared", 100, null).photos();
            assertThat(listed).hasSize(PROCESSES * FILES_EACH);
        }
    }

    private Process upload(Path folder) throws IOException {
        return LOCAL.photoProcess(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), "upload", folder.toString(),
                "--album", "shared", "--output", "json", "--quiet").start();
    }
}
