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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Cognito user pool endpoint on 127.0.0.1 that speaks the {@code AWSCognitoIdentityProviderService} JSON protocol
 * (the AWS SDK's Cognito client works against it with an endpoint override): {@code InitiateAuth} for
 * {@code USER_PASSWORD_AUTH} and {@code REFRESH_TOKEN_AUTH}, {@code RespondToAuthChallenge} for the
 * {@code NEW_PASSWORD_REQUIRED} challenge a user with a temporary password meets, and {@code RevokeToken}; it serves
 * the pool's JWKS at {@code GET /{userPoolId}/.well-known/jwks.json}. A disabled user is refused at login and at
 * refresh, as Cognito refuses them. Failed logins are throttled as Cognito throttles them
 * ({@link LoginThrottle}).
 */
public final class CognitoServer implements AutoCloseable {

    private static final List<String> OPERATIONS = List.of("InitiateAuth", "RespondToAuthChallenge", "RevokeToken");
    /** Cognito's challenge sessions last three minutes. */
    private static final Duration CHALLENGE_TTL = Duration.ofMinutes(3);
    private static final String NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED";
    /** The default pool policy's minimum length. */
    private static final int MIN_PASSWORD = 8;
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
    private final SecureRandom random = new SecureRandom();
    /** Open NEW_PASSWORD_REQUIRED challenges by session token: who, and until when. */
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
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

    /** The JWKS and unknown paths are answered at once; only the known operations have their (bounded) body read. */
    private Step start(Head head) {
        String path = head.rawPath();
        if ("GET".equals(head.method()) && path.equals("/" + userPoolId + "/.well-known/jwks.json")) {
            return Step.answer(reply(200, "application/json", jwks, null));
        }
        if (!"POST".equals(head.method()) || !"/".equals(path)) {
            return Step.answer(error(404, "ResourceNotFoundException", "Not found."));
        }
        String target = Optional.ofNullable(head.header("X-Amz-Target")).orElse("");
        String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        if (!OPERATIONS.contains(op)) {
            return Step.answer(error(400, "UnknownOperationException",
                    "Unknown operation " + target.replace(TARGET_PREFIX, "")));
        }
        return Step.readBody(bytes -> operation(op, head, bytes));
    }

    private Reply operation(String op, Head head, byte[] bytes) {
        Optional<JsonNode> body = parse(bytes);
        if (body.isEmpty() || !body.get().isObject()) {
            return error(400, "InvalidParameterException", "The request body is not a JSON object.");
        }
        try {
            ObjectNode answer = switch (op) {
                case "InitiateAuth" -> initiateAuth(body.get(), head.remoteAddress());
                case "RespondToAuthChallenge" -> result(respondToChallenge(body.get()));
                default -> revokeToken(body.get());
            };
            return reply(200, JSON_11, json.writeValueAsBytes(answer), null);
        } catch (CognitoError e) {
            return error(400, e.type, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Cognito answer", e);
        }
    }

    private ObjectNode initiateAuth(JsonNode request, String address) {
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
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> result(refreshAuth(params));
            default -> throw new CognitoError("InvalidParameterException", "Unsupported AuthFlow " + flow + ".");
        };
    }

    private ObjectNode passwordAuth(JsonNode params, String address) {
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
        Optional<LocalAccount> authenticated = users.authenticate(username, password);
        if (authenticated.isEmpty()) {
            throttle.failed(username, address);
            throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
        }
        throttle.succeeded(username);
        LocalAccount account = authenticated.get();
        if (!account.enabled()) {
            throw new CognitoError("NotAuthorizedException", "User is disabled.");
        }
        if (account.mustChangePassword()) {
            return challenge(account.user());
        }
        return result(login(account.user()));
    }

    private IssuedTokens login(LocalUser user) {
        String originJti = UUID.randomUUID().toString();
        long authTime = clock.instant().getEpochSecond();
        String refresh = users.issueRefreshToken(user, clientId, originJti, authTime);
        return tokens.issue(user, clientId, originJti, authTime, refresh);
    }

    private void requireClient(JsonNode request) {
        String client = text(request, "ClientId");
        if (client == null) {
            throw new CognitoError("InvalidParameterException", "ClientId is required.");
        }
        if (!client.equals(clientId)) {
            throw new CognitoError("ResourceNotFoundException", "User pool client " + client + " does not exist.");
        }
    }

    /** What Cognito answers a user with a temporary password: no tokens, a session to answer the challenge in. */
    private ObjectNode challenge(LocalUser user) {
        Instant now = clock.instant();
        challenges.values().removeIf(c -> c.expiresAt().isBefore(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        challenges.put(session, new Challenge(user.username(), now.plus(CHALLENGE_TTL)));
        ObjectNode root = json.createObjectNode();
        root.put("ChallengeName", NEW_PASSWORD_REQUIRED);
        root.put("Session", session);
        ObjectNode params = root.putObject("ChallengeParameters");
        params.put("USER_ID_FOR_SRP", user.username());
        params.put("requiredAttributes", "[]");
        params.put("userAttributes", "{}");
        return root;
    }

    private IssuedTokens respondToChallenge(JsonNode request) {
        requireClient(request);
        if (!NEW_PASSWORD_REQUIRED.equals(text(request, "ChallengeName"))) {
            throw new CognitoError("InvalidParameterException", "Unsupported ChallengeName.");
        }
        String session = text(request, "Session");
        JsonNode responses = request.path("ChallengeResponses");
        String username = text(responses, "USERNAME");
        String newPassword = text(responses, "NEW_PASSWORD");
        if (session == null || username == null || newPassword == null) {
            throw new CognitoError("InvalidParameterException",
                    "Session, ChallengeResponses.USERNAME and ChallengeResponses.NEW_PASSWORD are required.");
        }
        Challenge open = challenges.remove(session);
        if (open == null || !open.username().equals(username) || open.expiresAt().isBefore(clock.instant())) {
            throw new CognitoError("NotAuthorizedException", "Invalid session for the user, session is expired.");
        }
        if (newPassword.length() < MIN_PASSWORD) {
            // the session stays good for another try, as Cognito's does
            challenges.put(session, open);
            throw new CognitoError("InvalidPasswordException",
                    "Password does not conform to policy: Password not long enough");
        }
        LocalAccount account = users.account(username)
                .orElseThrow(() -> new CognitoError("NotAuthorizedException", "Incorrect username or password."));
        if (!account.enabled()) {
            throw new CognitoError("NotAuthorizedException", "User is disabled.");
        }
        users.changePassword(username, newPassword);
        return login(account.user());
    }

    private ObjectNode revokeToken(JsonNode request) {
        requireClient(request);
        String token = text(request, "Token");
        if (token == null) {
            throw new CognitoError("InvalidParameterException", "Token is required.");
        }
        // Cognito answers success for a token it does not know, so that revoking twice is harmless
        users.revokeRefreshToken(token, clientId);
        return json.createObjectNode();
    }

    private IssuedTokens refreshAuth(JsonNode params) {
        String token = text(params, "REFRESH_TOKEN");
        if (token == null) {
            throw new CognitoError("InvalidParameterException", "Missing required parameter REFRESH_TOKEN");
        }
        // a disabled user's refresh tokens are gone, so this also refuses them
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

    private record Challenge(String username, Instant expiresAt) {
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
