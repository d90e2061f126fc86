package dev.photo.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.local.auth.LocalUser;
import dev.photo.local.auth.SigningKeys;
import dev.photo.local.auth.TokenIssuer;
import dev.photo.local.support.LoopbackHttpServer;
import dev.photo.local.support.StalledClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that open a request and then stop sending must not stop the API answering everyone else: the JDK server
 * this replaced stopped answering after sixteen connections that sent headers with a Content-Length and no body.
 */
class ApiServerStallTest {

    private static final String POOL = "local_photo";
    private static final String CLIENT = "apiclient";
    private static final LocalUser ALICE =
            new LocalUser("alice", "11111111-1111-4111-8111-111111111111", List.of());
    /** Far below the bounds under test yet lenient: the test machine may be shared and busy. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private static SigningKeys keys;
    private static final AtomicInteger invocations = new AtomicInteger();
    private static final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = (event, c) -> {
        invocations.incrementAndGet();
        APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
        r.setStatusCode(200);
        r.setHeaders(Map.of("Content-Type", "application/json"));
        r.setBody("{\"albums\":[]}");
        return r;
    };
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROMPTLY).build();
    private static ApiServer server;

    @BeforeAll
    static void start() {
        keys = SigningKeys.ephemeral();
        server = ApiServer.start(0, handler, authorizer(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JwtAuthorizer authorizer() {
        return new JwtAuthorizer(keys.publicJwks(), TokenIssuer.issuerFor(POOL), CLIENT, Clock.systemUTC());
    }

    private static String bearer() {
        return "Bearer " + new TokenIssuer(keys.privateKey(), TokenIssuer.issuerFor(POOL), Clock.systemUTC())
                .issue(ALICE, CLIENT, "origin", Clock.systemUTC().instant().getEpochSecond(), null).accessToken();
    }

    private static LoopbackHttpServer.Limits limits(int bodySeconds, int idleSeconds) {
        return new LoopbackHttpServer.Limits(ApiServer.MAX_BODY_BYTES, Duration.ofSeconds(bodySeconds),
                Duration.ofSeconds(idleSeconds), 64);
    }

    private static HttpResponse<String> albums(ApiServer api) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.endpoint() + "/albums"))
                .header("Authorization", bearer()).timeout(PROMPTLY).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unauthenticated_clients_that_promise_a_body_and_never_send_it_do_not_stop_the_api() throws Exception {
        String stalled = StalledClients.headersPromisingABody("POST", "/uploads", 100, null);
        try (StalledClients clients = StalledClients.open(server.endpoint().getPort(), 32, stalled)) {
            assertThat(albums(server).statusCode()).isEqualTo(200);
            assertThat(clients.answers(PROMPTLY))
                    .as("refused on the token, without waiting for the body, and disconnected")
                    .allSatisfy(a -> assertThat(a).startsWith("HTTP/1.1 401").doesNotEndWith("(still open)"));
        }
    }

    @Test
    void clients_that_send_half_their_headers_do_not_stop_the_api() throws Exception {
        String half = "GET /albums HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ";
        try (StalledClients clients = StalledClients.open(server.endpoint().getPort(), 32, half)) {
            assertThat(albums(server).statusCode()).isEqualTo(200);
            assertThat(clients.answers(Duration.ofMillis(200))).allSatisfy(a -> assertThat(a).isEqualTo("open"));
        }
    }

    @Test
    void a_declared_body_over_the_limit_is_refused_before_a_byte_of_it_is_sent() throws Exception {
        String huge =
                StalledClients.headersPromisingABody("POST", "/uploads", ApiServer.MAX_BODY_BYTES + 1, bearer());
        try (StalledClients clients = StalledClients.open(server.endpoint().getPort(), 1, huge)) {
            assertThat(clients.answers(PROMPTLY)).singleElement()
                    .satisfies(a -> assertThat(a).startsWith("HTTP/1.1 413"));
        }
    }

    @Test
    void authenticated_clients_that_never_send_their_body_hold_no_thread_the_api_needs() throws Exception {
        // the bodies are given far longer than the answer may take: a server that parks a thread on each stalled
        // body would answer only once they are released
        LoopbackHttpServer.Limits patient =
                limits(60, 60);
        try (ApiServer api = ApiServer.start(0, handler, authorizer(), Clock.systemUTC(), patient)) {
            assertThat(albums(api).statusCode()).isEqualTo(200);
            try (StalledClients clients = StalledClients.open(api.endpoint().getPort(), 32,
                    StalledClients.headersPromisingABody("POST", "/uploads", 100, bearer()))) {
                assertThat(albums(api).statusCode()).isEqualTo(200);
                assertThat(clients.answers(Duration.ofMillis(200))).as("still waiting for their bodies")
                        .allSatisfy(a -> assertThat(a).isEqualTo("open"));
            }
        }
    }

    @Test
    void a_body_that_does_not_arrive_in_time_is_answered_408_and_its_connection_closed() throws Exception {
        LoopbackHttpServer.Limits shortBounds =
                limits(1, 60);
        int before = invocations.get();
        try (ApiServer api = ApiServer.start(0, handler, authorizer(), Clock.systemUTC(), shortBounds);
             StalledClients clients = StalledClients.open(api.endpoint().getPort(), 16,
                     StalledClients.headersPromisingABody("POST", "/uploads", 100, bearer()))) {
            assertThat(clients.answers(PROMPTLY))
                    .allSatisfy(a -> assertThat(a).startsWith("HTTP/1.1 408").doesNotEndWith("(still open)"));
            assertThat(invocations.get()).as("no stalled request reached the function").isEqualTo(before);
            assertThat(albums(api).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_connection_that_sends_nothing_is_closed_after_the_idle_timeout() throws Exception {
        LoopbackHttpServer.Limits shortIdle =
                limits(1, 1);
        try (ApiServer api = ApiServer.start(0, handler, authorizer(), Clock.systemUTC(), shortIdle);
             StalledClients clients = StalledClients.open(api.endpoint().getPort(), 4, "")) {
            assertThat(clients.answers(PROMPTLY)).allSatisfy(a -> assertThat(a).isEmpty());
        }
    }
}
