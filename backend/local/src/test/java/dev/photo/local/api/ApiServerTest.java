package dev.photo.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.photo.local.auth.IssuedTokens;
import dev.photo.local.auth.LocalUser;
import dev.photo.local.auth.SigningKeys;
import dev.photo.local.auth.TokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerTest {

    private static final String POOL = "local_photo";
    private static final String CLIENT = "apiclient";
    private static final String ISSUER = TokenIssuer.issuerFor(POOL);
    private static final LocalUser ALICE =
            new LocalUser("alice", "11111111-1111-4111-8111-111111111111", List.of("admin", "family"));

    private static SigningKeys keys;
    private static ApiServer server;
    private static final List<APIGatewayV2HTTPEvent> received = new ArrayList<>();
    private static final AtomicReference<Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> reply =
            new AtomicReference<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        keys = SigningKeys.ephemeral();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> fake = (event, context) -> {
            synchronized (received) {
                received.add(event);
            }
            return reply.get().apply(event);
        };
        JwtAuthorizer authorizer = new JwtAuthorizer(keys.publicJwks(), ISSUER, CLIENT, Clock.systemUTC());
        server = ApiServer.start(0, fake, authorizer, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        synchronized (received) {
            received.clear();
        }
        reply.set(event -> ok("{\"ok\":true}"));
    }

    private static APIGatewayV2HTTPResponse ok(String body) {
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(Map.of("Content-Type", "application/json"));
        r.setBody(body);
        return r;
    }

    private static IssuedTokens tokens(RSAKey key, String issuer, String clientId, Clock clock) {
        return new TokenIssuer(key, issuer, clock).issue(ALICE, clientId, "origin", clock.instant().getEpochSecond(),
                null);
    }

    private static String accessToken() {
        return tokens(keys.privateKey(), ISSUER, CLIENT, Clock.systemUTC()).accessToken();
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<APIGatewayV2HTTPEvent> receivedEvents() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(receivedEvents()).isEmpty();
    }

    @Test
    void config_is_public_and_reaches_the_handler_without_claims() throws Exception {
        HttpResponse<String> response = get("/config", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertThat(receivedEvents()).singleElement()
                .satisfies(e -> assertThat(e.getRequestContext().getAuthorizer()).isNull());
    }

    @Test
    void a_request_without_a_token_is_unauthorized_and_never_reaches_the_handler() throws Exception {
        assertUnauthorized(get("/photos", null));
    }

    @Test
    void a_valid_access_token_becomes_api_gateway_claims_in_a_payload_v2_event() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/photos?album=my%20trip&limit=5"))
                .header("Authorization", "Bearer " + accessToken())
                .header("X-Custom", "one")
                .header("Cookie", "a=1; b=2")
                .header("User-Agent", "photo-test")
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        APIGatewayV2HTTPEvent e = receivedEvents().get(0);
        assertThat(e.getVersion()).isEqualTo("2.0");
        assertThat(e.getRouteKey()).isEqualTo("$default");
        assertThat(e.getRawPath()).isEqualTo("/photos");
        assertThat(e.getRawQueryString()).isEqualTo("album=my%20trip&limit=5");
        assertThat(e.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(
                Map.of("album", "my trip", "limit", "5"));
        assertThat(e.getHeaders()).containsEntry("x-custom", "one").containsKey("authorization")
                .doesNotContainKey("cookie");
        assertThat(e.getCookies()).containsExactly("a=1", "b=2");
        assertThat(e.getPathParameters()).isNull();
        assertThat(e.getBody()).isNull();
        APIGatewayV2HTTPEvent.RequestContext c = e.getRequestContext();
        assertThat(c.getHttp().getMethod()).isEqualTo("GET");
        assertThat(c.getHttp().getPath()).isEqualTo("/photos");
        assertThat(c.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(c.getHttp().getUserAgent()).isEqualTo("photo-test");
        assertThat(c.getStage()).isEqualTo("$default");
        assertThat(c.getRequestId()).isNotBlank();
        assertThat(c.getTimeEpoch()).isPositive();
        Map<String, String> claims = c.getAuthorizer().getJwt().getClaims();
        assertThat(claims).containsEntry("sub", ALICE.sub())
                .containsEntry("cognito:groups", "[admin family]")
                .containsEntry("username", "alice")
                .containsEntry("client_id", CLIENT)
                .containsEntry("token_use", "access")
                .containsEntry("iss", ISSUER);
        assertThat(claims.get("exp")).matches("\\d{10}");
        assertThat(c.getAuthorizer().getJwt().getScopes()).containsExactly("aws.cognito.signin.user.admin");
    }

    @Test
    void an_id_token_for_the_client_is_accepted_through_its_audience() throws Exception {
        String idToken = tokens(keys.privateKey(), ISSUER, CLIENT, Clock.systemUTC()).idToken();

        assertThat(get("/albums", idToken).statusCode()).isEqualTo(200);
        assertThat(receivedEvents().get(0).getRequestContext().getAuthorizer().getJwt().getClaims())
                .containsEntry("aud", CLIENT).containsEntry("cognito:username", "alice");
    }

    @Test
    void an_expired_token_is_unauthorized() throws Exception {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);

        assertUnauthorized(get("/photos", tokens(keys.privateKey(), ISSUER, CLIENT, twoHoursAgo).accessToken()));
    }

    @Test
    void a_token_from_another_issuer_or_for_another_client_is_unauthorized() throws Exception {
        assertUnauthorized(get("/photos", tokens(keys.privateKey(), "urn:photo:local:other", CLIENT,
                Clock.systemUTC()).accessToken()));
        assertUnauthorized(get("/photos", tokens(keys.privateKey(), ISSUER, "other-client",
                Clock.systemUTC()).accessToken()));
    }

    @Test
    void a_token_signed_by_another_key_with_the_same_kid_is_unauthorized() throws Exception {
        RSAKey impostor = new RSAKey.Builder(SigningKeys.ephemeral().privateKey())
                .keyID(keys.privateKey().getKeyID()).build();

        assertUnauthorized(get("/photos", tokens(impostor, ISSUER, CLIENT, Clock.systemUTC()).accessToken()));
    }

    @Test
    void a_token_with_an_edited_payload_is_unauthorized() throws Exception {
        String[] parts = accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(ALICE.sub(), "22222222-2222-4222-8222-222222222222");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertUnauthorized(get("/photos", forged));
    }

    @Test
    void an_unsigned_token_is_unauthorized() throws Exception {
        String[] parts = accessToken().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertUnauthorized(get("/photos", none + "." + parts[1] + "."));
        assertUnauthorized(get("/photos", "not-a-jwt"));
    }

    @Test
    void json_bodies_pass_as_text_and_binary_bodies_as_base64() throws Exception {
        HttpRequest json = HttpRequest.newBuilder(URI.create(server.endpoint() + "/uploads"))
                .header("Authorization", "Bearer " + accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"album\":\"trip\"}")).build();
        HttpRequest binary = HttpRequest.newBuilder(URI.create(server.endpoint() + "/uploads"))
                .header("Authorization", "Bearer " + accessToken())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, (byte) 255})).build();

        http.send(json, HttpResponse.BodyHandlers.discarding());
        http.send(binary, HttpResponse.BodyHandlers.discarding());

        List<APIGatewayV2HTTPEvent> events = receivedEvents();
        assertThat(events.get(0).getBody()).isEqualTo("{\"album\":\"trip\"}");
        assertThat(events.get(0).getIsBase64Encoded()).isFalse();
        assertThat(events.get(1).getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(events.get(1).getBody())).containsExactly(0, 1, 2, 255);
        assertThat(events.get(1).getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    }

    @Test
    void the_handlers_status_headers_and_base64_body_are_written_back() throws Exception {
        reply.set(event -> {
            APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
            r.setStatusCode(201);
            r.setHeaders(Map.of("Content-Type", "application/octet-stream", "X-One", "1"));
            r.setMultiValueHeaders(Map.of("X-Many", List.of("a", "b")));
            r.setBody(Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}));
            r.setIsBase64Encoded(true);
            return r;
        });

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/x"))
                .header("Authorization", "Bearer " + accessToken()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).containsExactly(9, 8, 7);
        assertThat(response.headers().firstValue("x-one")).contains("1");
        assertThat(response.headers().allValues("x-many")).containsExactly("a", "b");
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
    }

    @Test
    void a_failing_handler_is_an_internal_server_error() throws Exception {
        reply.set(event -> {
            throw new IllegalStateException("boom with internal detail");
        });

        HttpResponse<String> response = get("/photos", accessToken());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void a_body_over_the_limit_is_refused_before_the_handler() throws Exception {
        HttpRequest big = HttpRequest.newBuilder(URI.create(server.endpoint() + "/uploads"))
                .header("Authorization", "Bearer " + accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiServer.MAX_BODY_BYTES + 1])).build();

        assertThat(http.send(big, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
        assertThat(receivedEvents()).isEmpty();
    }
}
