package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoProcess;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalStack;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault-proxy tests share: {@code photo} run as its own process on a test stack's directories, and the
 * stack's own view of an album (asked directly, past any proxy).
 */
final class FaultRuns {

    private FaultRuns() {
    }

    /** How one {@code photo} process ended. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** {@code photo ARGS} as its own process (same java and class path), {@code stdin} (may be null) as its input. */
    static Result run(LocalStackExtension local, String stdin, String... args) throws Exception {
        ProcessBuilder builder = PhotoProcess.builder(local.configDir(), local.stateDir(), args);
        Path out = Files.createTempFile("fault-out", ".txt");
        Path err = Files.createTempFile("fault-err", ".txt");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("photo %s ends", String.join(" ", args)).isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The admin's photos of {@code album} by file name, straight from the stack's API; each name must be there once. */
    static Map<String, JsonNode> storedByName(LocalStackExtension local, String album) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(local.dataDir()).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        String body = Json.mapper().createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", local.stack().clientId()).set("AuthParameters", Json.mapper().createObjectNode()
                        .put("USERNAME", admin.username()).put("PASSWORD", admin.password())).toString();
        String token = Json.mapper().readTree(http.send(HttpRequest.newBuilder(local.stack().endpoints().cognito())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .at("/AuthenticationResult/AccessToken").asText();
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(local.stack().endpoints().api().resolve(
                "/photos?limit=1000&album=" + URLEncoder.encode(album, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        Json.mapper().readTree(listed.body()).path("photos").forEach(p -> {
            assertThat(byName.put(p.path("fileName").asText(), p)).as("stored once: %s", p).isNull();
        });
        return byName;
    }
}
