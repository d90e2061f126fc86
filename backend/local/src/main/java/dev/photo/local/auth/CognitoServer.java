package dev.photo.local.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import dev.photo.local.support.LoopbackHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A Cognito user pool endpoint on 127.0.0.1 that speaks the {@code InitiateAuth} operation of the
 * {@code AWSCognitoIdentityProviderService} JSON protocol (the AWS SDK's Cognito client works against it with an
 * endpoint override) for {@code USER_PASSWORD_AUTH} and {@code REFRESH_TOKEN_AUTH}, and serves the pool's JWKS at
 * {@code GET /{userPoolId}/.well-known/jwks.json}.
 */
public final class CognitoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CognitoServer.class);
    private static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final int MAX_BODY = 64 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final UserStore users;
    private final TokenIssuer tokens;
    private final String userPoolId;
    private final String clientId;
    private final byte[] jwks;
    private final Clock clock;
    /** Set once by start; the server's handler is this object, so it exists first. */
    private LoopbackHttpServer server;

    private CognitoServer(UserStore users, TokenIssuer tokens, JWKSet publicKeys, String userPoolId,
                          String clientId, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.tokens = tokens;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.jwks = publicKeys.toString(true).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the endpoint; {@code port} 0 picks a free one. */
    public static CognitoServer start(int port, UserStore users, TokenIssuer tokens, JWKSet publicKeys,
                                      String userPoolId, String clientId, Clock clock) {
        CognitoServer s = new CognitoServer(users, tokens, publicKeys, userPoolId, clientId, clock);
        s.server = LoopbackHttpServer.start("cognito", port, 4, s::handle);
        return s;
    }

    /** The endpoint to give the SDK as {@code endpointOverride}, with a trailing slash. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(method) && path.equals("/" + userPoolId + "/.well-known/jwks.json")) {
                send(exchange, 200, "application/json", jwks, null);
            } else if ("POST".equals(method) && "/".equals(path)) {
                operation(exchange);
            } else {
                error(exchange, 404, "ResourceNotFoundException", "Not found.");
            }
        } catch (RuntimeException e) {
            log.error("cognito endpoint failed", e);
        }
    }

    private void operation(HttpExchange exchange) throws IOException {
        String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
        if (!target.equals(TARGET_PREFIX + "InitiateAuth")) {
            error(exchange, 400, "UnknownOperationException", "Unknown operation " + target.replace(TARGET_PREFIX, ""));
            return;
        }
        Optional<JsonNode> body = readBody(exchange);
        if (body.isEmpty() || !body.get().isObject()) {
            error(exchange, 400, "InvalidParameterException", "The request body is not a JSON object.");
            return;
        }
        try {
            IssuedTokens issued = initiateAuth(body.get());
            send(exchange, 200, JSON_11, json.writeValueAsBytes(result(issued)), null);
        } catch (CognitoError e) {
            error(exchange, 400, e.type, e.getMessage());
        }
    }

    private IssuedTokens initiateAuth(JsonNode request) {
        String flow = text(request, "AuthFlow");
        String client = text(request, "ClientId");
        JsonNode params = request.path("AuthParameters");
        if (flow == null || client == null) {
            throw new CognitoError("InvalidParameterException", "AuthFlow and ClientId are required.");
        }
        if (!client.equals(clientId)) {
            throw new CognitoError("ResourceNotFoundException", "User pool client " + client + " does not exist.");
        }
        return switch (flow) {
            case "USER_PASSWORD_AUTH" -> passwordAuth(params);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refreshAuth(params);
            default -> throw new CognitoError("InvalidParameterException", "Unsupported AuthFlow " + flow + ".");
        };
    }

    private IssuedTokens passwordAuth(JsonNode params) {
        String username = text(params, "USERNAME");
        String password = text(params, "PASSWORD");
        if (username == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter USERNAME");
        }
        if (password == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter PASSWORD");
        }
        // unknown user and wrong password must look the same to the caller
        LocalUser user = users.authenticate(username, password)
                .orElseThrow(() -> new CognitoError("NotAuthorizedException", "Incorrect username or password."));
        String originJti = UUID.randomUUID().toString();
        long authTime = clock.instant().getEpochSecond();
        String refresh = users.issueRefreshToken(user, clientId, originJti, authTime);
        return tokens.issue(user, clientId, originJti, authTime, refresh);
    }

    private IssuedTokens refreshAuth(JsonNode params) {
        String token = text(params, "REFRESH_TOKEN");
        if (token == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter REFRESH_TOKEN");
        }
        RefreshGrant grant = users.redeemRefreshToken(token, clientId)
                .orElseThrow(() -> new CognitoError("NotAuthorizedException", "Invalid Refresh Token"));
        return tokens.issue(grant.user(), clientId, grant.originJti(), grant.authTime(), null);
    }

    private ObjectNode result(IssuedTokens issued) {
        ObjectNode root = json.createObjectNode();
        ObjectNode r = root.putObject("AuthenticationResult");
        r.put("AccessToken", issued.accessToken());
        r.put("ExpiresIn", issued.expiresIn());
        r.put("IdToken", issued.idToken());
        if (issued.refreshToken() != null) {
            r.put("RefreshToken", issued.refreshToken());
        }
        r.put("TokenType", "Bearer");
        root.putObject("ChallengeParameters");
        return root;
    }

    private Optional<JsonNode> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                return Optional.empty();
            }
            return Optional.ofNullable(json.readTree(bytes));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = json.createObjectNode().put("__type", type).put("message", message);
        send(exchange, status, JSON_11, json.writeValueAsBytes(body), type);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String errorType)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** An error answered the way Cognito answers it: its type name and a message. */
    private static final class CognitoError extends RuntimeException {

        private final String type;

        CognitoError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
