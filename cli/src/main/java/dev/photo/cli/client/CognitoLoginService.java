package dev.photo.cli.client;

import dev.photo.contract.BackendInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.config.CachedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Logs in with Cognito's {@code InitiateAuth} (USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH) at whatever endpoint
 * {@code GET /config} names: real Cognito or the local stack's compatible endpoint.
 *
 * <p>InitiateAuth is one unsigned POST in Cognito's documented JSON protocol (AWS JSON 1.1), so it goes through
 * the command's own {@link Http} rather than the AWS SDK's Cognito client: building that client cost each login
 * about 0.6 s of class loading and set-up (measured in docs/benchmarks.md), more than the login itself, and the
 * automatic login of the local profile pays it on the first command. The local stack's endpoint is tested against
 * the SDK's client, so both stay in step with the real service.
 */
public final class CognitoLoginService implements LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoLoginService.class);
    private static final String TARGET = "AWSCognitoIdentityProviderService.InitiateAuth";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Cognito's answers to wrong credentials or a dead refresh token. */
    private static final Set<String> REFUSALS = Set.of("NotAuthorizedException", "UserNotFoundException");

    private final Http http;
    private final String clientId;
    private final URI endpoint;
    private final Clock clock;

    public CognitoLoginService(BackendInfo info, Http http, Clock clock) {
        if (info.cognitoEndpoint() == null || info.clientId() == null) {
            throw new CliException(ExitCodes.ERROR, "the API's /config names no login endpoint or client id");
        }
        this.endpoint = EndpointPolicy.require(URI.create(info.cognitoEndpoint()),
                "the login endpoint named by the API's /config");
        this.clientId = info.clientId();
        this.http = http;
        this.clock = clock;
    }

    @Override
    public CachedTokens login(Credentials credentials) {
        JsonNode result = initiateAuth("USER_PASSWORD_AUTH",
                Map.of("USERNAME", credentials.username(), "PASSWORD", credentials.password()),
                "incorrect username or password");
        return tokens(result, null);
    }

    @Override
    public CachedTokens refresh(String refreshToken) {
        JsonNode result = initiateAuth("REFRESH_TOKEN_AUTH", Map.of("REFRESH_TOKEN", refreshToken),
                "the login session expired; log in again with: photo login");
        return tokens(result, refreshToken);
    }

    private JsonNode initiateAuth(String flow, Map<String, String> parameters, String refusedMessage) {
        ObjectNode request = Json.mapper().createObjectNode().put("AuthFlow", flow).put("ClientId", clientId);
        ObjectNode authParameters = request.putObject("AuthParameters");
        parameters.forEach(authParameters::put);
        Http.Response response;
        try {
            response = http.send("POST", endpoint, Map.of("Content-Type", "application/x-amz-json-1.1",
                    "X-Amz-Target", TARGET, "Accept", "application/json"),
                    Json.mapper().writeValueAsBytes(request), TIMEOUT);
        } catch (IOException e) {
            LOG.debug("InitiateAuth failed", e);
            throw CliException.unavailable("cannot reach the login endpoint at " + NetworkErrors.hostPort(endpoint)
                    + " (" + NetworkErrors.describe(e) + ")", e);
        }
        JsonNode body = parse(response.body());
        if (response.status() == 200) {
            return body;
        }
        String type = errorType(response, body);
        LOG.debug("{} refused: HTTP {} {}", flow, response.status(), type);
        if (REFUSALS.contains(type)) {
            throw CliException.auth(refusedMessage);
        }
        String message = body.path("message").isTextual() ? body.path("message").asText()
                : body.path("Message").asText("HTTP " + response.status());
        throw new CliException(response.status() >= 500 || response.status() == 429 ? ExitCodes.UNAVAILABLE
                : ExitCodes.AUTH, "login failed: " + message + (type.isEmpty() ? "" : " (" + type + ")"));
    }

    private CachedTokens tokens(JsonNode response, String previousRefreshToken) {
        JsonNode result = response.path("AuthenticationResult");
        if (!result.isObject()) {
            String challenge = response.path("ChallengeName").asText("an unknown");
            throw CliException.auth("login needs the " + challenge
                    + " challenge, which photo does not support; complete it in the AWS console first");
        }
        String access = result.path("AccessToken").asText(null);
        if (access == null) {
            throw new CliException(ExitCodes.ERROR, "the login endpoint answered no access token");
        }
        int expiresIn = result.path("ExpiresIn").asInt(3600);
        String refresh = result.path("RefreshToken").asText(previousRefreshToken);
        return new CachedTokens(access, result.path("IdToken").asText(null), refresh,
                clock.instant().plusSeconds(expiresIn));
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node == null ? Json.mapper().createObjectNode() : node;
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /**
     * The error's short name. AWS JSON 1.1 puts it in {@code x-amzn-ErrorType} and {@code __type}, either of which
     * may carry a namespace ({@code prefix#Name}) or a suffix after a colon.
     */
    static String errorType(Http.Response response, JsonNode body) {
        String raw = response.header("x-amzn-ErrorType").orElse(body.path("__type").asText(""));
        int hash = raw.lastIndexOf('#');
        String name = hash >= 0 ? raw.substring(hash + 1) : raw;
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(0, colon) : name;
    }
}
