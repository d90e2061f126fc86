package dev.photo.local.auth;

import dev.photo.backend.fakes.MovableClock;
import dev.photo.local.db.Database;
import dev.photo.local.support.StalledClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Cognito endpoint under attack: stalled clients and password guessing. */
class CognitoServerHardeningTest {

    private static final String POOL = "local_photo";
    private static final String CLIENT = "testclient123";
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private Database db;
    private CognitoServer server;
    private CognitoIdentityProviderClient cognito;

    @BeforeEach
    void start() {
        db = Database.open(dir.resolve("photo.db"));
        UserStore users = new UserStore(db, clock);
        users.create("alice", "correct horse", List.of());
        SigningKeys keys = SigningKeys.ephemeral();
        TokenIssuer issuer = new TokenIssuer(keys.privateKey(), TokenIssuer.issuerFor(POOL), clock);
        server = CognitoServer.start(0, users, issuer, keys.publicJwks(), POOL, CLIENT, clock);
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // each refusal must be seen as it is, not retried away
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stop() {
        cognito.close();
        server.close();
        db.close();
    }

    private InitiateAuthResponse login(String username, String password) {
        return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(CLIENT)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    @Test
    void logins_that_never_send_their_body_do_not_stop_the_jwks_or_other_logins() throws Exception {
        String stalled = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n";
        try (StalledClients clients = StalledClients.open(server.endpoint().getPort(), 16, stalled)) {
            HttpResponse<String> jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.endpoint() + POOL + "/.well-known/jwks.json")).timeout(PROMPTLY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            assertThat(login("alice", "correct horse").authenticationResult().idToken()).isNotBlank();
        }
    }

    @Test
    void a_user_is_locked_out_after_five_wrong_passwords_even_for_the_right_one_then_let_in_again() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Incorrect username or password.");
        }

        assertThatThrownBy(() -> login("alice", "correct horse")).isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Password attempts exceeded");

        clock.advance(Duration.ofSeconds(2));
        assertThat(login("alice", "correct horse").authenticationResult().accessToken()).isNotBlank();
        assertThatThrownBy(() -> login("alice", "guess")).as("a success forgives the earlier failures")
                .hasMessageContaining("Incorrect username or password.");
    }

    @Test
    void the_lockout_doubles_with_each_further_failure() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThatThrownBy(() -> login("alice", "guess")).isInstanceOf(NotAuthorizedException.class);
        }
        clock.advance(Duration.ofMillis(1100));
        assertThatThrownBy(() -> login("alice", "guess")).hasMessageContaining("Incorrect username or password.");

        clock.advance(Duration.ofMillis(1100));
        assertThatThrownBy(() -> login("alice", "correct horse")).as("now locked for two seconds")
                .hasMessageContaining("Password attempts exceeded");
        clock.advance(Duration.ofMillis(1000));
        assertThat(login("alice", "correct horse").authenticationResult().accessToken()).isNotBlank();
    }

    @Test
    void unknown_users_are_locked_out_like_known_ones() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThatThrownBy(() -> login("nobody", "guess")).hasMessageContaining("Incorrect username or password.");
        }
        assertThatThrownBy(() -> login("nobody", "guess")).isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Password attempts exceeded");
    }

    @Test
    void one_address_guessing_across_many_users_is_throttled() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES_PER_MINUTE; i++) {
            String user = "user" + i;
            assertThatThrownBy(() -> login(user, "guess")).isInstanceOf(NotAuthorizedException.class);
        }

        assertThatThrownBy(() -> login("someone-else", "guess")).isInstanceOf(TooManyRequestsException.class);
        assertThatThrownBy(() -> login("alice", "correct horse")).isInstanceOf(TooManyRequestsException.class);

        clock.advance(Duration.ofSeconds(61));
        assertThat(login("alice", "correct horse").authenticationResult().accessToken()).isNotBlank();
    }
}
