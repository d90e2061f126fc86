package dev.photo.local.auth;

import dev.photo.backend.core.DirectoryUser;
import dev.photo.local.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an admin does to an account, seen through the AWS SDK's Cognito client as a user meets it: a temporary
 * password that must be changed, a disabled account refused at login and refresh, a revoked refresh token.
 */
class AccountLifecycleTest {

    private static final String POOL = "local_photo";
    private static final String CLIENT = "testclient123";

    @TempDir
    Path dir;

    private Database db;
    private CognitoServer server;
    private CognitoIdentityProviderClient cognito;
    private LocalUserDirectory directory;

    @BeforeEach
    void start() {
        db = Database.open(dir.resolve("photo.db"));
        UserStore users = new UserStore(db, Clock.systemUTC());
        directory = new LocalUserDirectory(users);
        SigningKeys keys = SigningKeys.ephemeral();
        TokenIssuer issuer = new TokenIssuer(keys.privateKey(), TokenIssuer.issuerFor(POOL), Clock.systemUTC());
        server = CognitoServer.start(0, users, issuer, keys.publicJwks(), POOL, CLIENT, Clock.systemUTC());
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
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

    private InitiateAuthResponse refresh(String token) {
        return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH).clientId(CLIENT)
                .authParameters(Map.of("REFRESH_TOKEN", token)));
    }

    @Test
    void a_temporary_password_answers_new_password_required_until_changed() {
        DirectoryUser carol = directory.create("carol", "carol@example.com", "Temporary-1");
        assertThat(carol.status()).isEqualTo(DirectoryUser.FORCE_CHANGE_PASSWORD);

        InitiateAuthResponse first = login("carol", "Temporary-1");
        assertThat(first.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        assertThat(first.authenticationResult()).isNull();
        assertThat(first.session()).isNotBlank();

        var answered = cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(first.session())
                .challengeResponses(Map.of("USERNAME", "carol", "NEW_PASSWORD", "carols-own-password")));

        assertThat(answered.authenticationResult().accessToken()).isNotBlank();
        assertThat(answered.authenticationResult().refreshToken()).isNotBlank();
        assertThat(login("carol", "carols-own-password").authenticationResult()).isNotNull();
        assertThatThrownBy(() -> login("carol", "Temporary-1")).isInstanceOf(NotAuthorizedException.class);
        assertThat(directory.find("carol").orElseThrow().status()).isEqualTo(DirectoryUser.CONFIRMED);
    }

    @Test
    void a_challenge_session_is_good_once_and_only_for_its_user_and_a_short_password_is_refused() {
        directory.create("carol", null, "Temporary-1");
        InitiateAuthResponse first = login("carol", "Temporary-1");

        assertThatThrownBy(() -> cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(first.session())
                .challengeResponses(Map.of("USERNAME", "carol", "NEW_PASSWORD", "short"))))
                .isInstanceOf(InvalidPasswordException.class);
        assertThatThrownBy(() -> cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(first.session())
                .challengeResponses(Map.of("USERNAME", "mallory", "NEW_PASSWORD", "long enough pass"))))
                .isInstanceOf(NotAuthorizedException.class);
        // the session was spent by the wrong user's attempt
        assertThatThrownBy(() -> cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(first.session())
                .challengeResponses(Map.of("USERNAME", "carol", "NEW_PASSWORD", "long enough pass"))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void a_disabled_user_is_refused_at_login_and_their_refresh_token_stops_working() {
        directory.create("dave", null, "Temporary-1");
        InitiateAuthResponse challenge = login("dave", "Temporary-1");
        String refreshToken = cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "dave", "NEW_PASSWORD", "daves-password")))
                .authenticationResult().refreshToken();
        assertThat(refresh(refreshToken).authenticationResult()).isNotNull();

        directory.setEnabled("dave", false);

        assertThatThrownBy(() -> refresh(refreshToken)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> login("dave", "daves-password")).isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("User is disabled");

        directory.setEnabled("dave", true);
        assertThat(login("dave", "daves-password").authenticationResult()).isNotNull();
        // enabling brings back no token the disable dropped
        assertThatThrownBy(() -> refresh(refreshToken)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void a_revoked_refresh_token_no_longer_refreshes_and_revoking_twice_is_harmless() {
        directory.create("erin", null, "Temporary-1");
        InitiateAuthResponse challenge = login("erin", "Temporary-1");
        String refreshToken = cognito.respondToAuthChallenge(b -> b.clientId(CLIENT)
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED).session(challenge.session())
                .challengeResponses(Map.of("USERNAME", "erin", "NEW_PASSWORD", "erins-password")))
                .authenticationResult().refreshToken();

        cognito.revokeToken(b -> b.clientId(CLIENT).token(refreshToken));
        cognito.revokeToken(b -> b.clientId(CLIENT).token(refreshToken));

        assertThatThrownBy(() -> refresh(refreshToken)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void the_directory_lists_in_pages_and_manages_groups() {
        for (String name : List.of("u1", "u2", "u3")) {
            directory.create(name, null, "Temporary-1");
        }
        var first = directory.list(2, null);
        assertThat(first.items()).extracting(DirectoryUser::username).containsExactly("u1", "u2");
        assertThat(directory.list(2, first.nextCursor()).items()).extracting(DirectoryUser::username)
                .containsExactly("u3");

        directory.setMember("u2", "admins", true);
        directory.setMember("u2", "admins", true);
        assertThat(directory.find("u2").orElseThrow().groups()).containsExactly("admins");
        String sub = directory.find("u2").orElseThrow().sub();
        assertThat(directory.findBySub(sub).orElseThrow().username()).isEqualTo("u2");
        directory.setMember("u2", "admins", false);
        assertThat(directory.find("u2").orElseThrow().groups()).isEmpty();
    }
}
