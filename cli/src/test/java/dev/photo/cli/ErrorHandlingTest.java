package dev.photo.cli;

import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest extends FakeBackendTestBase {

    @Test
    void an_unreachable_api_exits_unavailable_with_one_line_naming_host_and_port() throws IOException {
        int port = closedPort();
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "http://127.0.0.1:" + port, "--profile", "gone");
        new TokenCache(config).save("gone", new CachedTokens("a", "i", "r", Instant.now().plusSeconds(3600)));

        PhotoCli.Result albums = photo.runAndExpect(ExitCodes.UNAVAILABLE, "albums");
        PhotoCli.Result login = photo.with(photo.context().withEnv(java.util.Map.of("PHOTO_PASSWORD", "pw")))
                .runAndExpect(ExitCodes.UNAVAILABLE, "login", "-u", "alice");

        String expected = "photo: error: cannot reach the API at 127.0.0.1:" + port + " (connection refused)\n";
        assertThat(albums.err()).isEqualTo(expected);
        assertThat(login.err()).isEqualTo(expected);
    }

    @Test
    void a_failing_api_is_retried_then_reported_unavailable_with_its_message() {
        backend.server().stubFor(get(urlEqualTo("/albums")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"internal\",\"message\":\"try later\"}}")));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.UNAVAILABLE, "albums");

        assertThat(result.err()).isEqualTo("photo: error: the API failed: try later (HTTP 503)\n");
        backend.server().verify(4, getRequestedFor(urlEqualTo("/albums")));
    }

    @Test
    void usage_errors_exit_2_with_a_hint_and_no_stack_trace() {
        PhotoCli.Result missing = photo.runAndExpect(ExitCodes.USAGE, "upload", "--album", "trip");
        PhotoCli.Result unknown = photo.runAndExpect(ExitCodes.USAGE, "frobnicate");
        PhotoCli.Result none = photo.runAndExpect(ExitCodes.USAGE);

        assertThat(missing.err()).startsWith("photo: error: Missing required parameter")
                .contains("Try 'photo upload --help'");
        assertThat(unknown.err()).startsWith("photo: error: Unmatched argument");
        assertThat(none.err()).startsWith("photo: error: missing command");
        assertThat(missing.err() + unknown.err() + none.err()).doesNotContain("\tat ");
    }

    @Test
    void help_lists_the_commands_and_the_exit_codes() {
        PhotoCli.Result help = photo.runAndEnsureExitCodeOk("--help");

        assertThat(help.out()).contains("upload", "list", "albums", "download", "login", "logout", "whoami",
                "configure", "local")
                .contains("Exit codes:")
                .containsPattern("\\s0\\s+ok")
                .containsPattern("\\s3\\s+some files or photos failed")
                .containsPattern("\\s6\\s+backend unreachable")
                .containsPattern("130\\s+interrupted");
    }

    @Test
    void debug_adds_the_stack_trace_and_works_before_or_after_the_command_name() throws IOException {
        int port = closedPort();
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "http://127.0.0.1:" + port, "--profile", "gone");
        new TokenCache(config).save("gone", new CachedTokens("a", "i", "r", Instant.now().plusSeconds(3600)));

        PhotoCli.Result after = photo.runAndExpect(ExitCodes.UNAVAILABLE, "albums", "--debug");
        PhotoCli.Result before = photo.runAndExpect(ExitCodes.UNAVAILABLE, "--debug", "albums");

        assertThat(after.err()).startsWith("photo: error: cannot reach").contains("\tat ");
        assertThat(before.err()).startsWith("photo: error: cannot reach").contains("\tat ");
    }

    @Test
    void the_global_profile_option_works_before_or_after_the_command_name() {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "http://127.0.0.1:1", "--profile", "elsewhere");
        backend.stubGet("/albums", "{\"albums\": []}");

        photo.runAndEnsureExitCodeOk("albums", "--profile", "local");
        photo.runAndEnsureExitCodeOk("--profile", "local", "albums");
        PhotoCli.Result unknown = photo.runAndExpect(ExitCodes.USAGE, "albums", "--profile", "nope");

        assertThat(unknown.err()).startsWith("photo: error: no profile 'nope'");
    }

    @Test
    void version_is_printed() {
        assertThat(photo.runAndEnsureExitCodeOk("--version").out()).startsWith("photo ").doesNotContain("${");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
