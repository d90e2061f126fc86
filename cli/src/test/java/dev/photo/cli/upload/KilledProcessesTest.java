package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.fakes.TempDirs;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoProcess;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code kill -9}s: of {@code photo upload} at random points of a folder upload, and of {@code photo local serve}
 * while it is processing. After the reruns and restarts the album holds exactly the folder's files, each once and
 * READY (the processor checks every byte's SHA-256 before it says READY). Loops are bounded in count and time.
 */
class KilledProcessesTest {

    private static final int FILES = 10;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Path root;
    private Path data;
    private Path config;
    private Path state;
    private Process server;

    @BeforeEach
    void dirs() throws IOException {
        root = Files.createTempDirectory("photo-killed-");
        data = Files.createDirectories(root.resolve("data"));
        config = Files.createDirectories(root.resolve("config"));
        state = Files.createDirectories(root.resolve("state"));
    }

    @AfterEach
    void stop() throws Exception {
        PhotoProcess.stop(server);
        TempDirs.deleteTree(root);
    }

    @Test
    void an_upload_killed_at_random_points_and_rerun_stores_each_file_once_and_ready() throws Exception {
        Set<String> shas = folder("killed", 400_000);
        LocalEndpoints endpoints = serve();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int killed = 0;
        for (int round = 0; round < 4; round++) {
            Process upload = photo("upload", root.resolve("killed").toString(), "--album", "killed", "--quiet",
                    "--data-dir", data.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300 + random.nextInt(2500));
            if (upload.isAlive()) {
                PhotoProcess.kill9(upload);
                killed++;
            }
            assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        Process last = photo("upload", root.resolve("killed").toString(), "--album", "killed", "--output", "json",
                "--data-dir", data.toString()).start();
        assertThat(last.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(last.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.exitValue()).as("seed %d, %d killed%nstdout:%n%s%nstderr:%n%s", seed, killed, out, err)
                .isEqualTo(ExitCodes.OK);
        assertThat(Json.mapper().readTree(out).path("files")).hasSize(FILES);

        assertAlbumHoldsEachOnceReady(endpoints, "killed", shas, "seed " + seed + ", " + killed + " killed");
    }

    @Test
    void the_stack_killed_while_processing_and_restarted_loses_nothing() throws Exception {
        Set<String> shas = folder("stack", 150_000);
        serve();
        Process upload = photo("upload", root.resolve("stack").toString(), "--album", "stack", "--quiet",
                "--data-dir", data.toString()).start();
        assertThat(upload.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(upload.exitValue()).as(new String(upload.getErrorStream().readAllBytes())).isEqualTo(ExitCodes.OK);
        // straight after the last PUT: the processor is still at work on some of them
        PhotoProcess.kill9(server);
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        LocalEndpoints endpoints = serve();
        assertAlbumHoldsEachOnceReady(endpoints, "stack", shas, "after a kill -9 of the stack");
    }

    /** FILES padded JPEGs of about {@code size} bytes in root/NAME; their SHA-256s. */
    private Set<String> folder(String name, long size) throws Exception {
        Path folder = Files.createDirectories(root.resolve(name));
        Set<String> shas = new HashSet<>();
        for (int i = 0; i < FILES; i++) {
            Path file = LocalStackFixture.paddedJpeg(folder.resolve("img" + i + ".jpg"), size + i, name.hashCode() + i);
            shas.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        return shas;
    }

    /** Waits (at most 120 s) until the album has settled: then every file is in it once, READY. */
    private void assertAlbumHoldsEachOnceReady(LocalEndpoints endpoints, String album, Set<String> shas, String why)
            throws Exception {
        String token = adminToken(endpoints);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        List<JsonNode> photos;
        do {
            photos = new ArrayList<>();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoints.api().resolve(
                    "/photos?limit=1000&album=" + URLEncoder.encode(album, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Json.mapper().readTree(response.body()).path("photos").forEach(photos::add);
            if (photos.stream().allMatch(p -> p.path("status").asText().equals("READY"))
                    && photos.size() == FILES) {
                break;
            }
            Thread.sleep(250);
        } while (Instant.now().isBefore(deadline));
        assertThat(photos).as(why).hasSize(FILES);
        assertThat(photos).as(why).extracting(p -> p.path("status").asText()).containsOnly("READY");
        assertThat(photos).as(why).extracting(p -> p.path("sha256").asText()).containsExactlyInAnyOrderElementsOf(shas);
    }

    private LocalEndpoints serve() throws Exception {
        Path log = Files.createTempFile(root, "serve", ".log");
        server = photo("local", "serve", "--api-port", "0", "--cognito-port", "0", "--s3-port", "0", "--data-dir",
                data.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return PhotoProcess.awaitServing(server, data, log);
    }

    private String adminToken(LocalEndpoints endpoints) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(data).orElseThrow();
        String clientId = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(endpoints.api().resolve("/config"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).path("clientId").asText();
        String body = Json.mapper().createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH").put("ClientId", clientId)
                .set("AuthParameters", Json.mapper().createObjectNode().put("USERNAME", admin.username())
                        .put("PASSWORD", admin.password())).toString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoints.cognito())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).at("/AuthenticationResult/AccessToken").asText();
    }

    private ProcessBuilder photo(String... args) {
        return PhotoProcess.builder(config, state, args);
    }
}
