package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;

import dev.photo.cli.PhotoProcess;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole session with {@code --debug} everywhere: {@code photo local serve} as its own process, then configure,
 * login with a password, upload, list, download and logout against it as a remote profile. Neither the commands'
 * stdout and stderr nor the server's log may hold the password, any token the login or a refresh issued, or the
 * signature of a presigned URL.
 */
class NoSecretInOutputTest {

    private Path root;
    private Process server;

    @AfterEach
    void stop() throws Exception {
        PhotoProcess.stopAndDelete(server, root);
    }

    @Test
    void a_debug_session_prints_no_password_token_or_url_signature() throws Exception {
        root = Files.createTempDirectory("photo-secrets-");
        Path data = Files.createDirectories(root.resolve("data"));
        Path config = Files.createDirectories(root.resolve("config"));
        Path state = Files.createDirectories(root.resolve("state"));
        Path photos = Files.createDirectories(root.resolve("photos"));
        Path downloads = Files.createDirectories(root.resolve("downloads"));
        Path serverLog = root.resolve("server.log");
        server = photo(config, state, "local", "serve", "--api-port", "0", "--cognito-port", "0", "--s3-port", "0",
                "--data-dir", data.toString(), "--debug")
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        LocalEndpoints endpoints = PhotoProcess.awaitServing(server, data, serverLog);
        LocalCredentials admin = LocalStack.adminCredentials(data).orElseThrow();
        LocalStackFixture.paddedJpeg(photos.resolve("one.jpg"), 30_000, 1);
        LocalStackFixture.paddedJpeg(photos.resolve("two.jpg"), 31_000, 2);

        List<Run> runs = new ArrayList<>();
        runs.add(run(config, state, null, "configure", "--profile", "remote", "--api-url",
                endpoints.api().toString()));
        runs.add(run(config, state, admin.password() + "\n", "login", "--profile", "remote", "--username",
                admin.username(), "--password-stdin", "--debug"));
        runs.add(run(config, state, null, "upload", photos.toString(), "--album", "secrets", "--profile", "remote",
                "--wait", "--debug", "--output", "json"));
        Run list = run(config, state, null, "list", "--profile", "remote", "--all", "--debug", "--output", "json");
        runs.add(list);
        JsonNode listed = Json.mapper().readTree(list.out());
        assertThat(listed.toString()).contains("one.jpg", "two.jpg");
        String photoId = listed.findValue("photoId").asText();
        runs.add(run(config, state, null, "download", photoId, "--profile", "remote", "-o", downloads.toString(),
                "--debug"));
        Files.createDirectories(downloads.resolve("thumb"));
        runs.add(run(config, state, null, "download", photoId, "--thumbnail", "256", "--profile", "remote", "-o",
                downloads.resolve("thumb").toString(), "--debug"));
        runs.add(run(config, state, null, "download", "--all", "--profile", "remote", "-o",
                downloads.resolve("all").toString(), "--debug", "--output", "json"));
        runs.add(run(config, state, null, "whoami", "--profile", "remote", "--debug"));

        // every token the session was issued, read from the profile's token cache before logout removes it
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("password", admin.password());
        JsonNode tokens = Json.mapper().readTree(Files.readString(config.resolve("tokens-remote.json")));
        tokens.fields().forEachRemaining(f -> {
            if (f.getKey().endsWith("Token") && f.getValue().isTextual()) {
                secrets.put(f.getKey(), f.getValue().asText());
                // a JWT's signature alone would identify it too
                String[] parts = f.getValue().asText().split("\\.");
                if (parts.length == 3) {
                    secrets.put(f.getKey() + " signature", parts[2]);
                }
            }
        });
        assertThat(secrets.keySet()).as("the cache held the tokens: %s", tokens.fieldNames())
                .anyMatch(k -> k.toLowerCase().contains("refresh"))
                .anyMatch(k -> k.toLowerCase().contains("access"));
        runs.add(run(config, state, null, "logout", "--profile", "remote", "--debug"));
        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();

        StringBuilder everything = new StringBuilder();
        for (Run r : runs) {
            everything.append(r.out()).append(r.err());
        }
        String log = Files.readString(serverLog);
        assertThat(everything.toString()).as("the debug log was on").containsIgnoringCase("GET");
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertThat(everything.toString()).as("commands' output holds the %s", secret.getKey())
                    .doesNotContain(secret.getValue());
            assertThat(log).as("the server's log holds the %s", secret.getKey()).doesNotContain(secret.getValue());
        }
        for (String text : List.of(everything.toString(), log)) {
            assertThat(text).doesNotContainIgnoringCase("X-Amz-Signature").doesNotContainIgnoringCase("Bearer ey");
        }
        // photo local serve prints the local S3 key pair on purpose (for the AWS CLI or rclone); no command does
        assertThat(everything.toString()).doesNotContain(endpoints.s3SecretKey());
    }

    private record Run(String out, String err) { }

    private Run run(Path config, Path state, String stdin, String... args) throws Exception {
        ProcessBuilder builder = photo(config, state, args);
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("photo %s ends", String.join(" ", args)).isTrue();
        Run run = new Run(Files.readString(out), Files.readString(err));
        assertThat(p.exitValue()).as("photo %s%nstdout:%n%s%nstderr:%n%s", String.join(" ", args), run.out(),
                run.err()).isEqualTo(ExitCodes.OK);
        return run;
    }

    private static ProcessBuilder photo(Path config, Path state, String... args) {
        return PhotoProcess.builder(config, state, args);
    }

}
