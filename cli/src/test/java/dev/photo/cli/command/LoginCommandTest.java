package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.CliContext;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class LoginCommandTest extends FakeBackendTestBase {

    private static final String ALBUMS = "{\"albums\": [{\"name\": \"trip\", \"count\": 1}]}";

    CliContext context;
    TokenCache cache;

    @BeforeEach
    void configureCloudProfile() {
        context = photo.context();
        cache = new TokenCache(config);
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "cloud");
    }

    @Test
    void login_with_password_stdin_caches_the_tokens_owner_only_and_never_prints_the_password() throws Exception {
        PhotoCli.Result result = photo.with(context.withStdin(stdin(FakeBackend.PASSWORD + "\n")))
                .runAndEnsureExitCodeOk("login", "--username", "alice", "--password-stdin");

        assertThat(result.out()).isEqualTo("logged in as alice (profile cloud)\n");
        assertThat(result.out() + result.err()).doesNotContain(FakeBackend.PASSWORD);
        Path file = cache.file("cloud");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(FakeBackend.PASSWORD);
        CachedTokens tokens = cache.load("cloud").orElseThrow();
        assertThat(tokens.accessToken()).isEqualTo(FakeBackend.ACCESS_TOKEN);
        assertThat(tokens.refreshToken()).isEqualTo(FakeBackend.REFRESH_TOKEN);
        assertThat(tokens.expiresAt()).isAfter(Instant.now().plusSeconds(3000));
        assertThat(tokens.toString()).doesNotContain(FakeBackend.ACCESS_TOKEN).doesNotContain(FakeBackend.REFRESH_TOKEN);
        backend.server().verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1")));
    }

    @Test
    void login_takes_the_password_from_the_environment() {
        photo.with(context.withEnv(Map.of("PHOTO_PASSWORD", FakeBackend.PASSWORD, "PHOTO_USERNAME", "alice")))
                .runAndEnsureExitCodeOk("login", "--profile", "cloud");

        assertThat(cache.load("cloud")).isPresent();
    }

    @Test
    void a_wrong_password_is_an_auth_error_with_one_line_and_caches_nothing() {
        PhotoCli.Result result = photo.with(context.withStdin(stdin("wrong\n")))
                .runAndExpect(ExitCodes.AUTH, "login", "--username", "alice", "--password-stdin");

        assertThat(result.err()).isEqualTo("photo: error: incorrect username or password\n");
        assertThat(result.err()).doesNotContain("wrong");
        assertThat(cache.load("cloud")).isEmpty();
    }

    @Test
    void login_without_any_password_source_is_a_usage_error() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "login", "--username", "alice");

        assertThat(result.err()).startsWith("photo: error: no password");
    }

    @Test
    void whoami_shows_the_id_token_claims_and_logout_forgets_them() throws Exception {
        photo.with(context.withStdin(stdin(FakeBackend.PASSWORD)))
                .runAndEnsureExitCodeOk("login", "-u", "alice", "--password-stdin");

        PhotoCli.Result table = photo.runAndEnsureExitCodeOk("whoami");
        assertThat(table.out()).containsPattern("username\\s+alice").containsPattern("sub\\s+sub-alice")
                .containsPattern("groups\\s+admin,family").containsPattern("profile\\s+cloud")
                .contains(backend.baseUrl().toString());
        JsonNode json = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("whoami", "--output", "json").out());
        assertThat(json.path("username").asText()).isEqualTo("alice");
        assertThat(json.path("groups").toString()).isEqualTo("[\"admin\",\"family\"]");
        assertThat(json.path("expiresAt").asText()).isNotEmpty();
        assertThat(table.out() + json).doesNotContain(FakeBackend.ACCESS_TOKEN);

        assertThat(photo.runAndEnsureExitCodeOk("logout").out()).isEqualTo("logged out (profile cloud)\n");
        assertThat(cache.load("cloud")).isEmpty();
        PhotoCli.Result after = photo.runAndExpect(ExitCodes.AUTH, "whoami");
        assertThat(after.err()).isEqualTo(
                "photo: error: not logged in (profile cloud); log in with: photo login --profile cloud\n");
    }

    @Test
    void an_expired_token_is_refreshed_before_the_call_and_the_refresh_token_kept() {
        cache.save("cloud", new CachedTokens("old-access", "id", FakeBackend.REFRESH_TOKEN,
                Instant.now().minusSeconds(5)));
        backend.stubRefresh(FakeBackend.REFRESH_TOKEN, "access-2");
        backend.stubGet("/albums", ALBUMS, "access-2");

        photo.runAndEnsureExitCodeOk("albums");

        CachedTokens refreshed = cache.load("cloud").orElseThrow();
        assertThat(refreshed.accessToken()).isEqualTo("access-2");
        assertThat(refreshed.refreshToken()).isEqualTo(FakeBackend.REFRESH_TOKEN);
        backend.server().verify(0, getRequestedFor(urlEqualTo("/albums"))
                .withHeader("Authorization", equalTo("Bearer old-access")));
    }

    @Test
    void a_token_expiring_within_a_minute_is_refreshed_too() {
        cache.save("cloud", new CachedTokens("old-access", "id", FakeBackend.REFRESH_TOKEN,
                Instant.now().plusSeconds(30)));
        backend.stubRefresh(FakeBackend.REFRESH_TOKEN, "access-2");
        backend.stubGet("/albums", ALBUMS, "access-2");

        photo.runAndEnsureExitCodeOk("albums");

        assertThat(cache.load("cloud").orElseThrow().accessToken()).isEqualTo("access-2");
    }

    @Test
    void a_401_refreshes_once_and_retries_the_call() {
        cache.save("cloud", new CachedTokens("revoked", "id", FakeBackend.REFRESH_TOKEN,
                Instant.now().plusSeconds(3600)));
        backend.stubRefresh(FakeBackend.REFRESH_TOKEN, "access-2");
        backend.stubGet("/albums", ALBUMS, "access-2");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("albums");

        assertThat(result.out()).contains("trip");
        backend.server().verify(1, getRequestedFor(urlEqualTo("/albums"))
                .withHeader("Authorization", equalTo("Bearer revoked")));
        backend.server().verify(1, getRequestedFor(urlEqualTo("/albums"))
                .withHeader("Authorization", equalTo("Bearer access-2")));
    }

    @Test
    void a_refused_refresh_without_automatic_login_asks_to_log_in_again() {
        cache.save("cloud", new CachedTokens("revoked", "id", "revoked-refresh", Instant.now().plusSeconds(3600)));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.AUTH, "albums");

        assertThat(result.err()).isEqualTo(
                "photo: error: the API refused the login; log in again with: photo login --profile cloud\n");
    }

    @Test
    void the_local_profile_logs_in_by_itself() {
        backend.stubGet("/albums", ALBUMS);

        photo.runAndEnsureExitCodeOk("albums", "--profile", "local");

        assertThat(cache.load("local").orElseThrow().accessToken()).isEqualTo(FakeBackend.ACCESS_TOKEN);
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
