package dev.photo.local.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.photo.local.api.JwtAuthorizer;
import dev.photo.local.db.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CognitoServerTest {

    private static final String POOL = "local_photo";
    private static final String CLIENT = "testclient123";

    @TempDir
    static Path dir;

    private static Database db;
    private static SigningKeys keys;
    private static CognitoServer server;
    private static CognitoIdentityProviderClient cognito;
    private static LocalUser alice;

    @BeforeAll
    static void start() {
        db = Database.open(dir.resolve("photo.db"));
        UserStore users = new UserStore(db, Clock.systemUTC());
        alice = users.create("alice", "correct horse", List.of("admin", "family"));
        users.create("bob", "bobs password", List.of());
        keys = SigningKeys.ephemeral();
        TokenIssuer issuer = new TokenIssuer(keys.privateKey(), TokenIssuer.issuerFor(POOL), Clock.systemUTC());
        server = CognitoServer.start(0, users, issuer, keys.publicJwks(), POOL, CLIENT, Clock.systemUTC());
        cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.of("local"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        server.close();
        db.close();
    }

    private static InitiateAuthResponse login(String username, String password, String clientId) {
        return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(clientId)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
    }

    @Test
    void password_login_through_the_aws_sdk_returns_cognito_shaped_tokens() throws Exception {
        AuthenticationResultType result = login("alice", "correct horse", CLIENT).authenticationResult();

        assertThat(result.tokenType()).isEqualTo("Bearer");
        assertThat(result.expiresIn()).isEqualTo(3600);
        assertThat(result.refreshToken()).isNotBlank();
        SignedJWT access = SignedJWT.parse(result.accessToken());
        JWTClaimsSet a = access.getJWTClaimsSet();
        assertThat(access.getHeader().getKeyID()).isEqualTo(keys.privateKey().getKeyID());
        assertThat(a.getSubject()).isEqualTo(alice.sub());
        assertThat(a.getStringListClaim("cognito:groups")).containsExactly("admin", "family");
        assertThat(a.getIssuer()).isEqualTo("urn:photo:local:local_photo");
        assertThat(a.getStringClaim("client_id")).isEqualTo(CLIENT);
        assertThat(a.getStringClaim("token_use")).isEqualTo("access");
        assertThat(a.getStringClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(a.getStringClaim("username")).isEqualTo("alice");
        assertThat(a.getClaims()).containsKeys("origin_jti", "event_id", "auth_time", "exp", "iat", "jti");
        JWTClaimsSet id = SignedJWT.parse(result.idToken()).getJWTClaimsSet();
        assertThat(id.getAudience()).containsExactly(CLIENT);
        assertThat(id.getStringClaim("cognito:username")).isEqualTo("alice");
        assertThat(id.getStringClaim("token_use")).isEqualTo("id");
        assertThat(id.getSubject()).isEqualTo(alice.sub());
    }

    @Test
    void refresh_through_the_aws_sdk_keeps_the_login_and_issues_no_new_refresh_token() throws Exception {
        AuthenticationResultType first = login("alice", "correct horse", CLIENT).authenticationResult();

        AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(CLIENT).authParameters(Map.of("REFRESH_TOKEN", first.refreshToken()))).authenticationResult();

        assertThat(refreshed.refreshToken()).isNull();
        JWTClaimsSet before = SignedJWT.parse(first.accessToken()).getJWTClaimsSet();
        JWTClaimsSet after = SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet();
        assertThat(after.getSubject()).isEqualTo(alice.sub());
        assertThat(after.getStringClaim("origin_jti")).isEqualTo(before.getStringClaim("origin_jti"));
        assertThat(after.getJWTID()).isNotEqualTo(before.getJWTID());
    }

    @Test
    void wrong_password_and_unknown_user_are_the_same_not_authorized_error() {
        assertThatThrownBy(() -> login("alice", "wrong", CLIENT))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
        assertThatThrownBy(() -> login("nobody", "wrong", CLIENT))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
    }

    @Test
    void a_garbage_refresh_token_is_not_authorized() {
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .clientId(CLIENT).authParameters(Map.of("REFRESH_TOKEN", "garbage"))))
                .isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void an_unknown_app_client_is_resource_not_found() {
        assertThatThrownBy(() -> login("alice", "correct horse", "someone-else"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void a_malformed_body_is_an_invalid_parameter_error_with_the_cognito_error_header() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint())
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidParameterException");
        assertThat(response.body()).contains("\"__type\":\"InvalidParameterException\"");
    }

    @Test
    void serves_a_jwks_that_verifies_its_tokens_for_the_authorizer() throws Exception {
        AuthenticationResultType result = login("bob", "bobs password", CLIENT).authenticationResult();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + POOL + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JWKSet published = JWKSet.parse(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(published.getKeys()).singleElement().satisfies(k -> assertThat(k.isPrivate()).isFalse());
        JwtAuthorizer authorizer = new JwtAuthorizer(published, TokenIssuer.issuerFor(POOL), CLIENT,
                Clock.systemUTC());
        assertThat(authorizer.authorize("Bearer " + result.accessToken())).get()
                .satisfies(c -> assertThat(c).doesNotContainKey("cognito:groups").containsEntry("username", "bob"));
        assertThat(authorizer.authorize("Bearer " + result.idToken())).isPresent();
    }
}
