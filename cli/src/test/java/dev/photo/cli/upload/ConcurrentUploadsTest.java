package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.backend.Session;
import dev.photo.contract.AlbumInfo;
import dev.photo.contract.PhotoInfo;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@code photo upload} processes of one profile at once, as CI jobs run them, into one album while others
 * list it: they share the profile's upload-state database, each must finish with its JSON report and exit 0, no
 * request of the listers is answered 5xx, and afterwards every file is there exactly once and the album's count is
 * exact. bench/load.sh runs the same at full size and measures the request rates.
 */
class ConcurrentUploadsTest {

    private static final int PROCESSES = 8;
    private static final int FILES_EACH = 6;
    private static final int LISTERS = 2;

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.published();

    @Test
    void concurrent_uploads_of_one_profile_with_listers_all_succeed_and_store_each_file_once() throws Exception {
        Set<String> shas = new HashSet<>();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path folder = Files.createDirectories(LOCAL.photos().resolve("run" + p));
            for (int f = 0; f < FILES_EACH; f++) {
                Path file = LocalStackFixture.paddedJpeg(folder.resolve("img" + f + ".jpg"), 20_000 + f, p * 100L + f);
                shas.add(sha256(file));
            }
        }
        assertThat(shas).hasSize(PROCESSES * FILES_EACH);
        String token = adminToken();
        AtomicBoolean uploading = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Thread> listers = new ArrayList<>();
        for (int l = 0; l < LISTERS; l++) {
            String path = l % 2 == 0 ? "/photos?album=shared&limit=100" : "/albums";
            Thread lister = new Thread(() -> list(path, token, uploading, statuses), "lister-" + l);
            lister.start();
            listers.add(lister);
        }
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(upload(LOCAL.photos().resolve("run" + p)));
        }

        try {
            for (Process process : processes) {
                assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the upload ends").isTrue();
                String out = new String(process.getInputStream().readAllBytes());
                String err = new String(process.getErrorStream().readAllBytes());
                assertThat(process.exitValue()).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(ExitCodes.OK);
                JsonNode report = Json.mapper().readTree(out);
                assertThat(report.path("files")).as(out).hasSize(FILES_EACH);
                report.path("files").forEach(f -> assertThat(f.path("status").asText()).as(out)
                        .isEqualTo("uploaded"));
            }
        } finally {
            uploading.set(false);
            processes.forEach(Process::destroyForcibly);
            for (Thread lister : listers) {
                lister.join(30_000);
            }
        }
        assertThat(statuses.keySet()).as("the listers' answers by status: %s", statuses).containsOnly(200);
        assertThat(statuses.get(200).get()).isPositive();
        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(120))).isTrue();
        try (Session session = LocalStackFixture.session(LOCAL.stack(), LOCAL.configDir())) {
            List<PhotoInfo> listed = session.api().listPhotos("shared", 1000, null).photos();
            assertThat(listed).hasSize(PROCESSES * FILES_EACH);
            assertThat(listed).extracting(PhotoInfo::sha256).containsExactlyInAnyOrderElementsOf(shas);
            assertThat(listed).extracting(PhotoInfo::status).containsOnly("READY");
            AlbumInfo album = session.api().albums().albums().stream()
                    .filter(a -> a.name().equals("shared")).findFirst().orElseThrow();
            assertThat(album.count()).isEqualTo(PROCESSES * FILES_EACH);
        }
    }

    /** Lists {@code path} over and over while the uploads run (at most 180 s), counting the answers by status. */
    private static void list(String path, String token, AtomicBoolean uploading, Map<Integer, AtomicInteger> statuses) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = LOCAL.stack().endpoints().api().resolve(path);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (uploading.get() && System.nanoTime() < deadline) {
            try {
                int status = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            } catch (IOException e) {
                statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String adminToken() throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(LOCAL.dataDir()).orElseThrow();
        String body = Json.mapper().createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", LOCAL.stack().clientId()).set("AuthParameters", Json.mapper().createObjectNode()
                        .put("USERNAME", admin.username()).put("PASSWORD", admin.password())).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        LOCAL.stack().endpoints().cognito())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).at("/AuthenticationResult/AccessToken").asText();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private Process upload(Path folder) throws IOException {
        return LOCAL.photoProcess(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), "upload", folder.toString(),
                "--album", "shared", "--output", "json", "--quiet").start();
    }
}
