package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.photo.cli.backend.BackendSession;
import dev.photo.cli.client.Credentials;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The backend as the CLI sees it, served by WireMock on 127.0.0.1: {@code GET /config}, Cognito's InitiateAuth
 * (JSON 1.1 with X-Amz-Target), the API routes, and presigned S3 URLs under {@code /s3/}. {@code POST /uploads}
 * answers like the real API: names starting with {@code dup} are duplicates, unknown content types are rejected,
 * everything else gets a presigned PUT carrying the signed headers.
 */
public final class FakeBackend implements AutoCloseable {

    public static final String USERNAME = "alice";
    public static final String PASSWORD = "correct horse battery staple";
    public static final String ACCESS_TOKEN = "access-1";
    public static final String REFRESH_TOKEN = "refresh-1";

    private final WireMockServer server;
    /** SHA-256 -> photo id of every file whose bytes arrived: declared again, they are duplicates, as on S3. */
    private final Map<String, String> known = new java.util.concurrent.ConcurrentHashMap<>();

    public FakeBackend() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new UploadsTransformer()));
        server.start();
        server.addMockServiceRequestListener((request, response) -> {
            String checksum = request.getHeader("x-amz-checksum-sha256");
            if (RequestMethod.PUT.equals(request.getMethod()) && request.getUrl().startsWith("/s3/")
                    && response.getStatus() / 100 == 2 && checksum != null) {
                known.put(HexFormat.of().formatHex(Base64.getDecoder().decode(checksum)),
                        "photo-" + objectName(request.getUrl()));
            }
        });
        server.stubFor(get(urlEqualTo("/config")).willReturn(okJson(config(209_715_200, null, null))));
        stubLogin(USERNAME, PASSWORD, ACCESS_TOKEN, REFRESH_TOKEN);
        server.stubFor(post(urlEqualTo("/uploads")).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
                .willReturn(aResponse().withTransformers(UploadsTransformer.NAME)));
        server.stubFor(put(urlPathMatching("/s3/.*")).atPriority(10).willReturn(aResponse().withStatus(200)));
        // like the gateway's JWT authorizer: any API call without the current token is refused before the handler
        server.stubFor(WireMock.any(urlPathMatching("/(uploads|photos|albums).*")).atPriority(90)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\"}}")));
    }

    /**
     * Makes {@code GET /config} give this single-PUT limit and this multipart advice; {@code null} advice is left
     * out, as servers older than the advice do.
     */
    public void stubConfig(long maxUploadBytes, Long multipartThresholdBytes, Long partBytes) {
        server.stubFor(get(urlEqualTo("/config")).atPriority(1)
                .willReturn(okJson(config(maxUploadBytes, multipartThresholdBytes, partBytes))));
    }

    private String config(long maxUploadBytes, Long multipartThresholdBytes, Long partBytes) {
        ObjectNode body = Json.mapper().createObjectNode().put("region", "local").put("userPoolId", "local_photo")
                .put("clientId", "photo-cli").put("cognitoEndpoint", baseUrl() + "/")
                .put("maxUploadBytes", maxUploadBytes).put("maxBatch", 100);
        if (multipartThresholdBytes != null) {
            body.put("multipartThresholdBytes", multipartThresholdBytes);
        }
        if (partBytes != null) {
            body.put("partBytes", partBytes);
        }
        return body.toString();
    }

    /** Answers {@code GET path} with {@code json}, for callers holding the current access token. */
    public void stubGet(String path, String json) {
        stubGet(path, json, ACCESS_TOKEN);
    }

    /** Answers {@code GET path} with {@code json}, for callers holding {@code accessToken}. */
    public void stubGet(String path, String json, String accessToken) {
        server.stubFor(get(urlEqualTo(path)).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + accessToken))
                .willReturn(okJson(json)));
    }

    public WireMockServer server() {
        return server;
    }

    /** {@code http://127.0.0.1:PORT}: WireMock's own base URL says localhost, which may resolve elsewhere. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A context whose {@code local} profile is this server, logging in automatically as {@link #USERNAME}. */
    public CliContext context(Path configDir) {
        return baseContext(configDir).withConnector((profile, dataDir, err) -> new BackendSession() {
            @Override
            public URI apiUrl() {
                return profile.remoteApiUrl().orElse(baseUrl());
            }

            @Override
            public Optional<Credentials> autoLogin() {
                return profile.isLocalStack() ? Optional.of(new Credentials(USERNAME, PASSWORD)) : Optional.empty();
            }
        });
    }

    /**
     * A context with the real backend connector: only configured (remote) profiles work. The client's state and the
     * local stack's data go below {@code configDir} too, so that a test never writes into the user's home.
     */
    public static CliContext baseContext(Path configDir) {
        return new CliContext(Map.of(), configDir, configDir.resolve("state"), configDir.resolve("data"),
                new ByteArrayInputStream(new byte[0]), Terminal.none(),
                new dev.photo.cli.backend.DefaultBackendConnector(), Clock.systemUTC(), Duration.ofMillis(1));
    }

    /** Makes InitiateAuth with this username and password answer these tokens. */
    public void stubLogin(String username, String password, String accessToken, String refreshToken) {
        server.stubFor(post(urlEqualTo("/")).atPriority(5)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"))
                .withRequestBody(equalToJson("""
                        {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "photo-cli",
                         "AuthParameters": {"USERNAME": "%s", "PASSWORD": "%s"}}""".formatted(username, password)))
                .willReturn(authResult(accessToken, idToken(username), refreshToken, 3600)));
        server.stubFor(post(urlEqualTo("/")).atPriority(50)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"))
                .willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withHeader("x-amzn-ErrorType", "NotAuthorizedException")
                        .withBody("{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}")));
    }

    /** Makes REFRESH_TOKEN_AUTH with {@code refreshToken} answer a new access token (and no new refresh token). */
    public void stubRefresh(String refreshToken, String newAccessToken) {
        server.stubFor(post(urlEqualTo("/")).atPriority(5)
                .withHeader("X-Amz-Target", equalTo("AWSCognitoIdentityProviderService.InitiateAuth"))
                .withRequestBody(equalToJson("""
                        {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "photo-cli",
                         "AuthParameters": {"REFRESH_TOKEN": "%s"}}""".formatted(refreshToken)))
                .willReturn(authResult(newAccessToken, idToken(USERNAME), null, 3600)));
    }

    /** An unsigned JWT with the claims Cognito puts in an ID token. */
    public static String idToken(String username) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"sub-" + username + "\",\"cognito:username\":\"" + username
                + "\",\"cognito:groups\":[\"admin\",\"family\"],\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder authResult(
            String accessToken, String idToken, String refreshToken, int expiresIn) {
        String refresh = refreshToken == null ? "" : ", \"RefreshToken\": \"" + refreshToken + "\"";
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("""
                        {"AuthenticationResult": {"AccessToken": "%s", "IdToken": "%s", "ExpiresIn": %d,
                         "TokenType": "Bearer"%s}, "ChallengeParameters": {}}""".formatted(accessToken, idToken,
                        expiresIn, refresh));
    }

    /** The bodies of every {@code POST /uploads} received, in order. */
    public List<JsonNode> uploadBatches() {
        return requestBodies("/uploads");
    }

    /** The bodies of every {@code POST path} received, in order. */
    public List<JsonNode> requestBodies(String path) {
        return server.findAll(WireMock.postRequestedFor(urlEqualTo(path))).stream()
                .map(request -> {
                    try {
                        return Json.mapper().readTree(request.getBodyAsString());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    /** The file name a presigned PUT URL of this backend ({@code /s3/NAME?...}) stores under. */
    public static String objectName(String url) {
        return url.substring("/s3/".length()).replaceFirst("\\?.*", "");
    }

    /** Forgets every photo whose bytes arrived, as if they were deleted on the server. */
    public void deleteAllPhotos() {
        known.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class UploadsTransformer implements ResponseDefinitionTransformerV2 {

        static final String NAME = "fake-uploads";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            try {
                JsonNode request = Json.mapper().readTree(serveEvent.getRequest().getBodyAsString());
                ArrayNode results = Json.mapper().createArrayNode();
                int index = 0;
                for (JsonNode file : request.path("files")) {
                    results.add(result(index++, file));
                }
                ObjectNode body = Json.mapper().createObjectNode();
                body.set("results", results);
                return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(Json.mapper().writeValueAsString(body)).build();
            } catch (java.io.IOException e) {
                return ResponseDefinition.badRequest(null);
            }
        }

        private ObjectNode result(int index, JsonNode file) {
            String name = file.path("name").asText();
            String type = file.path("contentType").asText();
            ObjectNode result = Json.mapper().createObjectNode().put("index", index).put("name", name);
            if (!type.startsWith("image/")) {
                result.put("status", "rejected");
                result.putObject("error").put("code", "unsupported_type")
                        .put("message", "content type " + type + " is not allowed");
                return result;
            }
            if (name.startsWith("dup")) {
                return result.put("status", "duplicate").put("photoId", "photo-dup-" + name);
            }
            String sha256 = file.path("sha256").asText();
            String knownId = known.get(sha256);
            if (knownId != null) {
                return result.put("status", "duplicate").put("photoId", knownId);
            }
            // named after the file, not the arrival order: the upload pipeline does not promise an order
            String photoId = "photo-" + name;
            result.put("status", "upload").put("photoId", photoId);
            ObjectNode upload = result.putObject("upload");
            upload.put("method", "PUT").put("url", baseUrl() + "/s3/" + name + "?X-Amz-Signature=abc");
            upload.putObject("headers")
                    .put("Content-Type", type)
                    .put("Content-Length", Long.toString(file.path("size").asLong()))
                    .put("x-amz-checksum-sha256",
                            Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)))
                    .put("If-None-Match", "*");
            upload.put("expiresAt", "2030-01-01T00:00:00Z");
            return result;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
