package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** photo auth status|token, photo show, and login's temporary-password and logout's revocation paths. */
class AuthAndShowCommandsTest extends FakeBackendTestBase {

    private static final String PHOTO = """
            {"photo": {"photoId": "p-2", "album": "trip", "fileName": "IMG_0002.jpg", "contentType": "image/jpeg",
             "size": 2048, "sha256": "ab", "status": "READY", "uploadedAt": "2026-11-28T10:15:30Z",
             "processedAt": "2026-11-28T10:15:31Z", "width": 3000, "height": 4000,
             "takenAt": "2024-07-01T09:00:00Z", "camera": "photo samples", "thumbnails": [256, 1024], "error": null},
             "downloads": {"original": "http://127.0.0.1/s3/o?X-Amz-Signature=secret",
                           "thumbnails": {"256": "http://127.0.0.1/s3/t?X-Amz-Signature=secret"}},
             "expiresAt": "2026-11-28T10:30:30Z"}""";

    private TokenCache cache;

    @BeforeEach
    void configureCloudProfile() {
        cache = new TokenCache(config);
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "cloud");
    }

    private PhotoCli withStdin(String text) {
        return photo.with(photo.context().withStdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    private void loggedIn(Instant expiresAt) {
        cache.save("cloud", new CachedTokens(FakeBackend.ACCESS_TOKEN, FakeBackend.idToken("alice"),
                FakeBackend.REFRESH_TOKEN, expiresAt));
    }

    @Test
    void auth_status_is_0_when_logged_in_and_4_when_logged_out_or_expired() throws Exception {
        PhotoCli.Result out = photo.runAndExpect(ExitCodes.AUTH, "auth", "status");
        assertThat(out.out()).containsPattern("state\\s+logged-out");

        loggedIn(Instant.now().plusSeconds(3600));
        PhotoCli.Result in = photo.runAndEnsureExitCodeOk("auth", "status", "--output", "json");
        JsonNode status = Json.mapper().readTree(in.out());
        assertThat(status.path("state").asText()).isEqualTo("logged-in");
        assertThat(status.path("username").asText()).isEqualTo("alice");
        assertThat(in.out()).doesNotContain(FakeBackend.ACCESS_TOKEN).doesNotContain(FakeBackend.REFRESH_TOKEN);

        loggedIn(Instant.now().minusSeconds(60));
        assertThat(photo.runAndExpect(ExitCodes.AUTH, "auth", "status").out()).containsPattern("state\\s+expired");
        backend.server().verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void auth_token_prints_the_id_token_and_needs_a_login() {
        photo.runAndExpect(ExitCodes.AUTH, "auth", "token");

        loggedIn(Instant.now().plusSeconds(3600));
        assertThat(photo.runAndEnsureExitCodeOk("auth", "token").out())
                .isEqualTo(FakeBackend.idToken("alice") + "\n");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "auth", "token", "extra").err()).contains("extra");
    }

    @Test
    void show_prints_every_field_and_its_json_leaves_out_the_presigned_urls() throws Exception {
        loggedIn(Instant.now().plusSeconds(3600));
        backend.stubGet("/photos/p-2", PHOTO);

        PhotoCli.Result table = photo.runAndEnsureExitCodeOk("show", "p-2");
        PhotoCli.Result json = photo.runAndEnsureExitCodeOk("show", "p-2", "--output", "json");

        assertThat(table.out()).containsPattern("pixels\\s+3000x4000").containsPattern("camera\\s+photo samples")
                .containsPattern("thumbnails\\s+256,1024").containsPattern("status\\s+READY")
                .doesNotContain("Signature");
        assertThat(Json.mapper().readTree(json.out()).path("takenAt").asText()).isEqualTo("2024-07-01T09:00:00Z");
        assertThat(json.out()).doesNotContain("Signature");
    }

    @Test
    void show_of_an_unknown_photo_is_exit_5_and_needs_a_login_and_an_id() {
        photo.runAndExpect(ExitCodes.AUTH, "show", "p-2");
        loggedIn(Instant.now().plusSeconds(3600));
        backend.server().stubFor(get(urlEqualTo("/photos/nope")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"not_found\",\"message\":\"no photo with that id\"}}")));

        assertThat(photo.runAndExpect(ExitCodes.NOT_FOUND, "show", "nope").err())
                .isEqualTo("photo: error: no photo with that id\n");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "show").err()).contains("ID");
    }

    @Test
    void login_with_a_temporary_password_answers_the_challenge_with_the_new_one() {
        backend.server().stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"))
                .withRequestBody(equalToJson("""
                        {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "photo-cli",
                         "AuthParameters": {"USERNAME": "carol", "PASSWORD": "Temporary-1"}}"""))
                .willReturn(okJson("{\"ChallengeName\":\"NEW_PASSWORD_REQUIRED\",\"Session\":\"s-1\","
                        + "\"ChallengeParameters\":{}}")));
        backend.server().stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RespondToAuthChallenge"))
                .withRequestBody(equalToJson("""
                        {"ChallengeName": "NEW_PASSWORD_REQUIRED", "ClientId": "photo-cli", "Session": "s-1",
                         "ChallengeResponses": {"USERNAME": "carol", "NEW_PASSWORD": "carols-new-password"}}"""))
                .willReturn(okJson("{\"AuthenticationResult\":{\"AccessToken\":\"access-c\",\"ExpiresIn\":3600,"
                        + "\"IdToken\":\"" + FakeBackend.idToken("carol") + "\",\"RefreshToken\":\"refresh-c\","
                        + "\"TokenType\":\"Bearer\"}}")));

        PhotoCli.Result missing = withStdin("Temporary-1\n").runAndExpect(ExitCodes.USAGE, "login", "-u", "carol",
                "--password-stdin");
        PhotoCli.Result done = withStdin("Temporary-1\ncarols-new-password\n").runAndEnsureExitCodeOk("login",
                "-u", "carol", "--password-stdin", "--new-password-stdin");

        assertThat(missing.err()).contains("temporary").contains("no new password");
        assertThat(done.out()).isEqualTo("logged in as carol (profile cloud)\n");
        assertThat(done.out() + done.err()).doesNotContain("carols-new-password").doesNotContain("s-1");
        assertThat(cache.load("cloud").orElseThrow().accessToken()).isEqualTo("access-c");
    }

    @Test
    void logout_revokes_the_refresh_token_and_still_forgets_the_login_when_revocation_fails() {
        loggedIn(Instant.now().plusSeconds(3600));
        backend.server().stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RevokeToken"))
                .withRequestBody(equalToJson("{\"ClientId\":\"photo-cli\",\"Token\":\""
                        + FakeBackend.REFRESH_TOKEN + "\"}"))
                .willReturn(okJson("{}")));

        assertThat(photo.runAndEnsureExitCodeOk("logout").out()).isEqualTo("logged out (profile cloud)\n");
        assertThat(cache.load("cloud")).isEmpty();
        backend.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RevokeToken")));

        loggedIn(Instant.now().plusSeconds(3600));
        backend.server().stubFor(post(urlEqualTo("/")).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.RevokeToken"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"UnsupportedOperationException\",\"message\":\"no\"}")));
        PhotoCli.Result unsupported = photo.runAndEnsureExitCodeOk("logout");
        assertThat(unsupported.err()).contains("does not revoke tokens");
        assertThat(cache.load("cloud")).isEmpty();
    }

    @Test
    void show_and_auth_status_plain_are_field_value_records() {
        loggedIn(Instant.now().plusSeconds(3600));
        backend.stubGet("/photos/p-2", PHOTO);

        PhotoCli.Result show = photo.runAndEnsureExitCodeOk("show", "p-2", "--output", "plain");
        PhotoCli.Result status = photo.runAndEnsureExitCodeOk("auth", "status", "--output", "plain");

        assertThat(show.out().lines()).startsWith("id\tp-2", "album\ttrip", "name\tIMG_0002.jpg", "status\tREADY",
                "type\timage/jpeg", "size\t2048", "pixels\t3000x4000").contains("thumbnails\t256,1024")
                .doesNotContain("FIELD\tVALUE");
        assertThat(status.out().lines()).contains("profile\tcloud", "state\tlogged-in", "username\talice",
                "refreshable\tyes");
    }
}
