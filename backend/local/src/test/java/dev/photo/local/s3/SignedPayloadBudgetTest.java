package dev.photo.local.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.ServerConnector;
import org.gaul.shaded.org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared budget of {@link SignedPayloadLimit}: while header-signed bodies hold it, another one waits its turn
 * and is then answered 503 {@code SlowDown} (which S3 clients retry) instead of being buffered beside them; bodies
 * S3Proxy streams never wait for it. A small budget and a short wait stand in for the 64 MiB and 20 s of the server.
 */
class SignedPayloadBudgetTest {

    private static final long BUDGET = 1024 * 1024;
    private static final long WAIT_MILLIS = 300;
    private static final int BODY = 640 * 1024;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Server jetty;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        // stands in for S3Proxy: the first request to reach it holds its share of the budget until released
        jetty.setHandler(new SignedPayloadLimit(new AbstractHandler() {
            @Override
            public void handle(String target, Request baseRequest, HttpServletRequest request,
                               HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                if (handled.getAndIncrement() == 0) {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                response.setStatus(200);
                baseRequest.setHandled(true);
            }
        }, BUDGET, WAIT_MILLIS));
        jetty.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/photos/tools/");
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        jetty.stop();
    }

    @Test
    void a_signed_body_that_finds_the_budget_full_is_answered_slow_down_after_its_wait() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = http.sendAsync(put("first", "0".repeat(64)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        HttpResponse<String> refused = http.send(put("second", "0".repeat(64)), HttpResponse.BodyHandlers.ofString());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("<Code>SlowDown</Code>");
        assertThat(waitedMillis).isGreaterThanOrEqualTo(WAIT_MILLIS - 20);
        assertThat(handled).hasValue(1);

        release.countDown();
        assertThat(holding.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // the share comes back when the first body is done: the retry goes through
        assertThat(http.send(put("second", "0".repeat(64)), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(handled).hasValue(2);
    }

    @Test
    void a_streamed_body_does_not_wait_for_the_budget() throws Exception {
        CompletableFuture<HttpResponse<String>> holding = http.sendAsync(put("first", "0".repeat(64)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(http.send(put("presigned", "UNSIGNED-PAYLOAD"), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);

        release.countDown();
        assertThat(holding.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private HttpRequest put(String key, String payloadHash) {
        return HttpRequest.newBuilder(endpoint.resolve(key))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=LOCALTESTACCESSKEY/20261201/local/s3/"
                        + "aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
                        + "0".repeat(64))
                .header("x-amz-content-sha256", payloadHash)
                .header("x-amz-date", "20261201T000000Z")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[BODY]))
                .build();
    }
}
