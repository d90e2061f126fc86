package dev.photo.cli.client;

import dev.photo.contract.BackendInfo;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.config.CachedTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The InitiateAuth wire protocol (AWS JSON 1.1) as Cognito speaks it, including its error shapes. */
class CognitoLoginServiceTest {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    WireMockServer cognito;
    CognitoLoginService service;

    @BeforeEach
    void start() {
        cognito = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        cognito.start();
        service = new CognitoLoginService(new BackendInfo("eu-west-1", "pool", "client-1",
                "http://127.0.0.1:" + cognito.port() + "/", null, null, null, null, null, null, null, null, null), new Http("photo-test"),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        cognito.stop();
    }

    @Test
    void a_password_login_sends_the_documented_request_and_keeps_all_three_tokens() {
        cognito.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("""
                        {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "client-1",
                         "AuthParameters": {"USERNAME": "ana", "PASSWORD": "pw"}}"""))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"AuthenticationResult": {"AccessToken": "a", "IdToken": "i", "RefreshToken": "r",
                         "ExpiresIn": 600, "TokenType": "Bearer"}, "ChallengeParameters": {}}""")));

        CachedTokens tokens = service.login(new Credentials("ana", "pw"));

        assertThat(tokens.accessToken()).isEqualTo("a");
        assertThat(tokens.idToken()).isEqualTo("i");
        assertThat(tokens.refreshToken()).isEqualTo("r");
        assertThat(tokens.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void a_refresh_keeps_the_refresh_token_cognito_does_not_send_again() {
        cognito.stubFor(post(urlPathEqualTo("/")).withRequestBody(equalToJson("""
                        {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "client-1",
                         "AuthParameters": {"REFRESH_TOKEN": "old"}}"""))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"AuthenticationResult": {"AccessToken": "a2", "IdToken": "i2", "ExpiresIn": 3600}}""")));

        CachedTokens tokens = service.refresh("old");

        assertThat(tokens.accessToken()).isEqualTo("a2");
        assertThat(tokens.refreshToken()).isEqualTo("old");
    }

    @Test
    void a_refusal_named_with_a_namespace_is_still_a_refusal() {
        cognito.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withBody("{\"__type\": \"com.amazonaws.cognito#NotAuthorizedException\", "
                        + "\"message\": \"Incorrect username or password.\"}")));

        assertThatThrownBy(() -> service.login(new Credentials("ana", "wrong")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH);
                    assertThat(e.getMessage()).isEqualTo("incorrect username or password");
                });
    }

    @Test
    void the_error_type_header_wins_and_loses_its_suffix() {
        cognito.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "UserNotFoundException:http://internal.amazon.com/coral/")
                .withBody("{}")));

        assertThatThrownBy(() -> service.login(new Credentials("nobody", "pw")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH));
    }

    @Test
    void a_temporary_password_is_a_challenge_to_answer_and_never_taken_for_a_login() {
        cognito.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("""
                {"ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s", "ChallengeParameters": {}}""")));

        assertThatThrownBy(() -> service.login(new Credentials("ana", "pw")))
                .isInstanceOfSatisfying(NewPasswordRequiredException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH);
                    assertThat(e.username()).isEqualTo("ana");
                    assertThat(e.session()).isEqualTo("s");
                    assertThat(e.getMessage()).contains("temporary");
                });
    }

    @Test
    void another_challenge_is_named_rather_than_taken_for_a_login() {
        cognito.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200).withBody("""
                {"ChallengeName": "SMS_MFA", "Session": "s", "ChallengeParameters": {}}""")));

        assertThatThrownBy(() -> service.login(new Credentials("ana", "pw")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.AUTH);
                    assertThat(e.getMessage()).contains("SMS_MFA");
                });
    }

    @Test
    void a_failing_service_is_unavailable_and_says_what_it_said() {
        cognito.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(500)
                .withBody("{\"__type\": \"InternalErrorException\", \"message\": \"try later\"}")));

        assertThatThrownBy(() -> service.login(new Credentials("ana", "pw")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("login failed: try later (InternalErrorException)");
                });
    }

    @Test
    void an_unreachable_endpoint_is_unavailable() {
        cognito.stop();

        assertThatThrownBy(() -> service.login(new Credentials("ana", "pw")))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
                    assertThat(e.getMessage()).startsWith("cannot reach the login endpoint at 127.0.0.1:");
                });
    }
}
