package dev.photo.local.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.photo.local.support.LoopbackHttpServer;
import dev.photo.local.support.LoopbackHttpServer.Head;
import dev.photo.local.support.LoopbackHttpServer.Reply;
import dev.photo.local.support.LoopbackHttpServer.Step;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A Cognito user pool endpoint on 127.0.0.1 that speaks the {@code InitiateAuth} operation of the
 * {@code AWSCognitoIdentityProviderService} JSON protocol (the AWS SDK's Cognito client works against it with an
 * endpoint override) for {@code USER_PASSWORD_AUTH} and {@code REFRESH_TOKEN_AUTH}, and serves the pool's JWKS at
 * {@code GET /{userPoolId}/.well-known/jwks.json}. Failed logins are throttled as Cognito throttles them
 * ({@link LoginThrottle}).
 */
public final class CognitoServer implements AutoCloseable {

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
    private final LoginThrottle throttle;
    /** Set once by start; the server's handler is this object, so it exists first. */
    private LoopbackHttpServer server;

    private CognitoServer(UserStore users, TokenIssuer tokens, JWKSet publicKeys, String userPoolId,
                          String clientId, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
        this.tokens = tokens;
        this.userPoolId = userPoolId;
        this.clientId = clientId;
        this.jwks = publicKeys.toString(true).getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the endpoint; {@code port} 0 picks a free one. */
    public static CognitoServer start(int port, UserStore users, TokenIssuer tokens, JWKSet publicKeys,
                                      String userPoolId, String clientId, Clock clock) {
        CognitoServer s = new CognitoServer(users, tokens, publicKeys, userPoolId, clientId, clock);
        s.server = LoopbackHttpServer.start("cognito", port, 4, s::start,
                LoopbackHttpServer.Limits.standard(MAX_BODY));
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

    /** The JWKS and unknown paths are answered at once; only InitiateAuth has its (bounded) body read. */
    private Step start(Head head) {
        String path = head.rawPath();
        if ("GET".equals(head.method()) && path.equals("/" + userPoolId + "/.well-known/jwks.json")) {
            return Step.answer(reply(200, "application/json", jwks, null));
        }
        if (!"POST".equals(head.method()) || !"/".equals(path)) {
            return Step.answer(error(404, "ResourceNotFoundException", "Not found."));
        }
        String target = Optional.ofNullable(head.header("X-Amz-Target")).orElse("");
        if (!target.equals(TARGET_PREFIX + "InitiateAuth")) {
            return Step.answer(error(400, "UnknownOperationException",
                    "Unknown operation " + target.replace(TARGET_PREFIX, "")));
        }
        return Step.readBody(bytes -> operation(head, bytes));
    }

    private Reply operation(Head head, byte[] bytes) {
        Optional<JsonNode> body = parse(bytes);
        if (body.isEmpty() || !body.get().isObject()) {
            return error(400, "InvalidParameterException", "The request body is not a JSON object.");
        }
        try {
            IssuedTokens issued = initiateAuth(body.get(), head.remoteAddress());
            return reply(200, JSON_11, json.writeValueAsBytes(result(issued)), null);
        } catch (CognitoError e) {
            return error(400, e.type, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Cognito answer", e);
        }
    }

    private IssuedTokens initiateAuth(JsonNode request, String address) {
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
            case "USER_PASSWORD_AUTH" -> passwordAuth(params, address);
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> refreshAuth(params);
            default -> throw new CognitoError("InvalidParameterException", "Unsupported AuthFlow " + flow + ".");
        };
    }

    private IssuedTokens passwordAuth(JsonNode params, String address) {
        String username = text(params, "USERNAME");
        String password = text(params, "PASSWORD");
        if (username == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter USERNAME");
        }
        if (password == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter PASSWORD");
        }
        switch (throttle.check(username, address)) {
            case USER_LOCKED_OUT -> throw new CognitoError("NotAuthorizedException", "Password attempts exceeded");
            case ADDRESS_THROTTLED -> throw new CognitoError("TooManyRequestsException", "Too many requests");
            case ALLOWED -> { }
        }
        // unknown user and wrong password must look the same to the caller, and count the same
        Optional<LocalUser> authenticated = users.authenticate(username, password);
        if (authenticated.isEmpty()) {
            throttle.failed(username, address);
            throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
        }
        throttle.succeeded(username);
        LocalUser user = authenticated.get();
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

    private Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(json.readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private Reply error(int status, String type, String message) {
        ObjectNode body = json.createObjectNode().put("__type", type).put("message", message);
        try {
            return reply(status, JSON_11, json.writeValueAsBytes(body), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Cognito error", e);
        }
    }

    private static Reply reply(int status, String contentType, byte[] body, String errorType) {
        Reply reply = Reply.of(status, contentType, body);
        reply.headers().put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        if (errorType != null) {
            reply.headers().put("x-amzn-ErrorType", List.of(errorType));
        }
        return reply;
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
