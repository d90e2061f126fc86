package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.fakes.AdminFakes;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.backend.handler.Access;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.Route;
import dev.photo.cli.backend.BackendSession;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import dev.photo.local.LocalEndpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin tool on the real local stack: the admin routes refuse a non-admin, a thumbnail deleted behind the
 * system's back comes back with {@code photo admin reprocess --missing-thumbnails --wait}, and a user an admin adds
 * must change the temporary password at the first login and, once disabled, cannot refresh.
 */
class AdminEndToEndTest extends LocalStackCliTestBase {

    @TempDir
    static Path bobConfig;
    @TempDir
    static Path carolConfig;

    private PhotoCli admin;

    @BeforeAll
    void theStacksAdmin() {
        admin = photo;
    }

    /** {@code photo} on the local stack as a user who logs in themselves: no automatic login as the admin. */
    private PhotoCli asUser(Path config) {
        URI api = local.stack().endpoints().api();
        return new PhotoCli(LocalStackCli.isolated(config, local.stack().dataDir())
                .withConnector((profile, dir, err) -> BackendSession.remote(api)));
    }

    private static PhotoCli withStdin(PhotoCli photo, String text) {
        return photo.with(photo.context().withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void a_non_admin_is_refused_every_admin_route_and_every_admin_command() throws Exception {
        local.stack().createUser("bob", "bobs-password-1", List.of());
        PhotoCli bob = asUser(bobConfig);
        withStdin(bob, "bobs-password-1\n").runAndEnsureExitCodeOk("login", "-u", "bob", "--password-stdin");
        String token = new TokenCache(bobConfig).load("local").orElseThrow().accessToken();
        List<Route> adminRoutes = new ApiHandler(BackendConfig.of("local", "photos", "pool", "client",
                URI.create("http://127.0.0.1:1/")), new InMemoryPhotoRepository(), new InMemoryObjectStore(),
                new NoMultipartUploads(), AdminFakes.ports(), Clock.systemUTC()).routes().stream()
                .filter(r -> r.access() == Access.ADMIN).toList();
        assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(10);

        HttpClient http = HttpClient.newHttpClient();
        for (Route route : adminRoutes) {
            String path = route.pattern().replace("{jobId}", "00000000-0000-4000-8000-000000000000")
                    .replace("{username}", "admin");
            HttpRequest.Builder request = HttpRequest.newBuilder(local.stack().endpoints().api().resolve(path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
            request.method(route.method(), route.method().equals("POST")
                    ? HttpRequest.BodyPublishers.ofString("{\"all\":true,\"username\":\"eve\","
                    + "\"temporaryPassword\":\"Temporary-1\"}")
                    : HttpRequest.BodyPublishers.noBody());
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(403);
        }
        assertThat(local.stack().users().find("eve")).isEmpty();
        assertThat(local.stack().users().account("admin").orElseThrow().enabled()).isTrue();

        PhotoCli.Result refused = bob.runAndExpect(ExitCodes.AUTH, "admin", "reprocess", "--all");
        assertThat(refused.err()).contains("admins group");
        bob.runAndExpect(ExitCodes.AUTH, "admin", "users", "list");
        bob.runAndExpect(ExitCodes.AUTH, "admin", "stats");
    }

    @Test
    void a_thumbnail_deleted_behind_the_systems_back_comes_back_with_reprocess_missing_thumbnails()
            throws Exception {
        admin.runAndEnsureExitCodeOk("upload", LocalStackCli.samples().resolve("03-waves.jpg").toString(),
                "--album", "repair", "--wait");
        JsonNode photo = Json.mapper().readTree(admin.runAndEnsureExitCodeOk("list", "--album", "repair",
                "--output", "json").out()).path("photos").get(0);
        assertThat(photo.path("status").asText()).isEqualTo("READY");
        String sub = local.stack().users().find("admin").orElseThrow().sub();
        String thumbnail = Keys.thumbnail(sub, photo.path("photoId").asText(), 256);
        LocalEndpoints e = local.stack().endpoints();
        S3ObjectStore s3 = S3ObjectStore.forEndpoint(e.s3(), e.region(), e.s3AccessKey(), e.s3SecretKey(),
                e.bucket());
        s3.delete(thumbnail);
        assertThat(s3.head(thumbnail)).isEmpty();

        PhotoCli.Result dry = admin.runAndEnsureExitCodeOk("admin", "reprocess", "--missing-thumbnails",
                "--dry-run");
        assertThat(dry.out()).isEqualTo("dry run: 1 photo would be reprocessed\n");
        PhotoCli.Result result = admin.runAndEnsureExitCodeOk("admin", "reprocess", "--missing-thumbnails",
                "--wait", "--output", "json");

        JsonNode job = Json.mapper().readTree(result.out());
        assertThat(job.path("done").asLong()).isEqualTo(1);
        assertThat(job.path("failed").asLong()).isZero();
        assertThat(job.path("finished").asBoolean()).isTrue();
        assertThat(s3.head(thumbnail)).isPresent();
        assertThat(admin.runAndEnsureExitCodeOk("admin", "reprocess", "--missing-thumbnails", "--dry-run").out())
                .isEqualTo("dry run: 0 photos would be reprocessed\n");
        JsonNode stats = Json.mapper().readTree(admin.runAndEnsureExitCodeOk("admin", "stats", "--output", "json")
                .out());
        assertThat(stats.path("byStatus").path("READY").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void an_added_user_must_change_the_temporary_password_and_once_disabled_cannot_refresh() throws Exception {
        withStdin(admin, "Temporary-1\n").runAndEnsureExitCodeOk("admin", "users", "add", "carol",
                "--password-stdin");
        PhotoCli carol = asUser(carolConfig);

        PhotoCli.Result noNewPassword = withStdin(carol, "Temporary-1\n").runAndExpect(ExitCodes.USAGE, "login",
                "-u", "carol", "--password-stdin");
        assertThat(noNewPassword.err()).contains("temporary").contains("no new password");
        PhotoCli.Result changed = withStdin(carol, "Temporary-1\ncarols-own-password\n").runAndEnsureExitCodeOk(
                "login", "-u", "carol", "--password-stdin", "--new-password-stdin");
        assertThat(changed.out()).contains("logged in as carol");
        carol.runAndEnsureExitCodeOk("albums");
        withStdin(carol, "Temporary-1\n").runAndExpect(ExitCodes.AUTH, "login", "-u", "carol",
                "--password-stdin");
        withStdin(carol, "carols-own-password\n").runAndEnsureExitCodeOk("login", "-u", "carol",
                "--password-stdin");
        JsonNode listed = Json.mapper().readTree(admin.runAndEnsureExitCodeOk("admin", "users", "list", "--output",
                "json").out());
        assertThat(listed.path("users").findValuesAsText("username")).contains("admin", "carol");

        admin.runAndEnsureExitCodeOk("admin", "users", "disable", "carol");
        TokenCache cache = new TokenCache(carolConfig);
        CachedTokens tokens = cache.load("local").orElseThrow();
        // as if the hour of the access token had passed: the next command must refresh
        cache.save("local", new CachedTokens(tokens.accessToken(), tokens.idToken(), tokens.refreshToken(),
                Instant.now().minus(Duration.ofMinutes(5))));

        PhotoCli.Result refused = carol.runAndExpect(ExitCodes.AUTH, "albums");
        assertThat(refused.err()).startsWith("photo: error: not logged in");
        assertThat(carol.runAndExpect(ExitCodes.AUTH, "auth", "status").out()).contains("expired");
        withStdin(carol, "carols-own-password\n").runAndExpect(ExitCodes.AUTH, "login", "-u", "carol",
                "--password-stdin");

        admin.runAndEnsureExitCodeOk("admin", "users", "enable", "carol");
        withStdin(carol, "carols-own-password\n").runAndEnsureExitCodeOk("login", "-u", "carol",
                "--password-stdin");
        assertThat(carol.runAndEnsureExitCodeOk("auth", "status").out()).contains("logged-in");
        String current = cache.load("local").orElseThrow().refreshToken();
        assertThat(local.stack().users().redeemRefreshToken(current, local.stack().clientId())).isPresent();
        carol.runAndEnsureExitCodeOk("logout");
        assertThat(local.stack().users().redeemRefreshToken(current, local.stack().clientId())).isEmpty();
        assertThat(local.stack().users().redeemRefreshToken(tokens.refreshToken(), local.stack().clientId()))
                .isEmpty();
    }
}
