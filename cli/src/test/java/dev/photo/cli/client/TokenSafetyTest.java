package dev.photo.cli.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * A profile's tokens go to the deployment they were issued by, and nowhere else. The base class's {@code backend} is
 * server A, which issued the {@code cloud} profile's tokens; every other server must never see them.
 */
class TokenSafetyTest extends FakeBackendTestBase {

    private static final String ALBUMS = "{\"albums\": [{\"name\": \"trip\", \"count\": 1}]}";
    private static final String TOKEN_OF_A = "access-token-issued-for-server-a";
    private static final String REFRESH_OF_A = "refresh-token-issued-for-server-a";

    WireMockServer elsewhere;

    @BeforeEach
    void start() {
        elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(okJson(ALBUMS)));
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "cloud");
        new TokenCache(config).save("cloud", new CachedTokens(TOKEN_OF_A, FakeBackend.idToken("alice"), REFRESH_OF_A,
                Instant.now().plusSeconds(3600)));
    }

    @AfterEach
    void stop() {
        elsewhere.stop();
    }

    /**
     * The JDK client copies every user header, Authorization included, onto a redirected request whatever its
     * origin, so the CLI follows no redirect and says where it pointed.
     */
    @Test
    void an_api_redirect_to_another_origin_does_not_carry_the_bearer_token() {
        backend.server().stubFor(get(urlEqualTo("/albums")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN_OF_A))
                .willReturn(aResponse().withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/collect")));

        PhotoCli.Result result = photo.run("albums");

        assertThat(authorizationHeaders(elsewhere))
                .as("Authorization headers that reached a server on another origin")
                .isEmpty();
        assertThat(result.exitCode()).isEqualTo(dev.photo.cli.ExitCodes.ERROR);
        assertThat(result.err()).contains("redirect (HTTP 302)").contains("/collect");
    }

    /**
     * Re-pointing a profile drops its cached tokens: otherwise the next command would send server A's access token
     * to server B, and after B's 401, A's refresh token to whatever Cognito endpoint B's {@code /config} names.
     */
    @Test
    void pointing_a_profile_at_another_server_does_not_send_it_the_old_servers_tokens() {
        FakeBackend serverB = new FakeBackend();
        try {
            photo.runAndEnsureExitCodeOk("configure", "--api-url", serverB.baseUrl().toString(), "--profile", "cloud");

            photo.run("albums");

            List<LoggedRequest> seenByB = serverB.server().findAll(anyRequestedFor(anyUrl()));
            assertSoftly(softly -> {
                softly.assertThat(authorizationHeaders(serverB.server()))
                        .as("Authorization headers server B received")
                        .doesNotContain("Bearer " + TOKEN_OF_A);
                softly.assertThat(seenByB).as("requests to server B carrying server A's refresh token")
                        .noneMatch(r -> r.getBodyAsString().contains(REFRESH_OF_A));
            });
        } finally {
            serverB.close();
        }
    }

    @Test
    void a_throttled_api_is_retried_then_reported_unavailable_not_as_a_usage_error() {
        backend.server().stubFor(get(urlEqualTo("/albums")).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Too Many Requests\"}")));

        PhotoCli.Result result = photo.run("albums");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(dev.photo.cli.ExitCodes.UNAVAILABLE);
        assertThat(result.err()).contains("throttling");
        assertThat(backend.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/albums")))).hasSizeGreaterThan(1);
    }

    @Test
    void a_remote_api_must_use_https_so_passwords_and_tokens_never_cross_the_network_in_clear() {
        PhotoCli.Result result = photo.run("configure", "--api-url", "http://photos.example.com", "--profile", "x");

        assertThat(result.exitCode()).isEqualTo(dev.photo.cli.ExitCodes.USAGE);
        assertThat(result.err()).contains("https");
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://photos.example.com", "--profile", "x");
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "http://localhost:9320", "--profile", "y");
    }

    private static List<String> authorizationHeaders(WireMockServer server) {
        return server.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.containsHeader("Authorization"))
                .map(r -> r.getHeader("Authorization"))
                .toList();
    }
}
