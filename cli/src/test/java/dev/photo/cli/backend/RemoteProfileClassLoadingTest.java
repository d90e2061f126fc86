package dev.photo.cli.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command on a remote profile, in its own JVM with class loading logged: it must not load the local stack
 * (S3Proxy, Jetty, jclouds, the handlers, {@code dev.photo.local}), which only {@code dev.photo.cli.backend.local}
 * reaches. Loading them cost every remote command its start time.
 */
class RemoteProfileClassLoadingTest {

    @TempDir
    Path config;
    @TempDir
    Path work;

    private final FakeBackend backend = new FakeBackend();

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void list_on_a_remote_profile_loads_none_of_the_local_stack() throws Exception {
        new PhotoCli(FakeBackend.baseContext(config)).runAndEnsureExitCodeOk("configure", "--api-url",
                backend.baseUrl().toString(), "--profile", "remote");
        new TokenCache(config).save("remote", new CachedTokens(FakeBackend.ACCESS_TOKEN,
                FakeBackend.idToken(FakeBackend.USERNAME), FakeBackend.REFRESH_TOKEN, Instant.now().plusSeconds(3600)));
        backend.stubGet("/photos?limit=100", "{\"photos\": [], \"nextCursor\": null}");
        Path classLog = work.resolve("classes.log");

        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xlog:class+load=info:file=" + classLog,
                "-cp", System.getProperty("java.class.path"), "dev.photo.cli.Main", "list", "--output", "json"))
                .redirectErrorStream(true);
        builder.environment().put("PHOTO_CONFIG_DIR", config.toString());
        builder.environment().put("PHOTO_STATE_DIR", work.resolve("state").toString());
        builder.environment().put("PHOTO_HOME", work.resolve("data").toString());
        builder.environment().remove("PHOTO_PROFILE");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        JsonNode listing = Json.mapper().readTree(output);
        assertThat(listing.path("photos").isArray()).as(output).isTrue();
        List<String> loaded = Files.readAllLines(classLog).stream()
                .filter(line -> line.contains("[class,load]"))
                .map(line -> line.replaceFirst(".*\\[class,load\\] (\\S+).*", "$1"))
                .toList();
        assertThat(loaded).as("the log is read right").contains("dev.photo.cli.command.ListCommand",
                "dev.photo.cli.backend.DefaultBackendConnector");
        assertThat(loaded).filteredOn(name -> name.startsWith("dev.photo.local.")
                        || name.startsWith("dev.photo.cli.backend.local.")
                        || name.startsWith("org.gaul.") || name.startsWith("org.eclipse.jetty.")
                        || name.startsWith("org.jclouds.") || name.startsWith("dev.photo.backend."))
                .isEmpty();
    }
}
