package dev.photo.cli.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpTest {

    @TempDir
    Path dir;

    WireMockServer server;
    Http http = new Http("photo-test");
    final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void redirects_are_returned_not_followed() throws Exception {
        server.stubFor(get(urlPathEqualTo("/a")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + server.port() + "/b")));

        Http.Response response = http.send("GET", uri("/a"), Map.of("Authorization", "Bearer t"), null,
                Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).hasValue("http://127.0.0.1:" + server.port() + "/b");
        server.verify(0, getRequestedFor(urlPathEqualTo("/b")));
    }

    @Test
    void error_bodies_are_read_and_headers_found_in_any_case() throws Exception {
        server.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(403)
                .withHeader("X-Amz-Request-Id", "r1").withBody("<Error><Code>AccessDenied</Code></Error>")));
        Path file = Files.write(dir.resolve("f.jpg"), new byte[10]);

        Http.Response response = http.upload("PUT", uri("/o"), Map.of("Content-Type", "image/jpeg"),
                FileSlice.whole(file, 10), n -> { }, Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(403);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("AccessDenied");
        assertThat(response.header("x-amz-request-id")).hasValue("r1");
    }

    @Test
    void an_upload_streams_the_file_with_its_exact_length_and_counts_every_byte() throws Exception {
        byte[] content = new byte[3 * Http.CHUNK + 5];
        content[Http.CHUNK + 1] = 9;
        Path file = Files.write(dir.resolve("big.jpg"), content);
        server.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e\"")));
        AtomicLong sent = new AtomicLong();

        Http.Response response = http.upload("PUT", uri("/o"), Map.of(), FileSlice.whole(file, content.length),
                sent::addAndGet, Duration.ofSeconds(5));

        assertThat(response.status()).isEqualTo(200);
        assertThat(sent.get()).isEqualTo(content.length);
        server.verify(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo("/o"))
                .withHeader("Content-Length", equalTo(Integer.toString(content.length))));
    }

    @Test
    void a_server_that_stops_reading_the_body_times_out_at_the_deadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = acceptAndHold(silent);
            // far more than the socket buffers hold, so that the write blocks
            Path file = Files.write(dir.resolve("big.jpg"), new byte[64 * 1024 * 1024]);
            long start = System.nanoTime();

            assertThatThrownBy(() -> http.upload("PUT", URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/o"),
                    Map.of(), FileSlice.whole(file, Files.size(file)), n -> { }, Duration.ofMillis(700)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            acceptor.join(5000);
        }
    }

    @Test
    void a_get_hands_a_2xx_body_to_the_reader_with_the_answers_head() throws Exception {
        server.stubFor(get(urlPathEqualTo("/d")).willReturn(aResponse().withStatus(206)
                .withHeader("Content-Range", "bytes 1-3/4").withBody(new byte[] {1, 2, 3})));
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String[] range = new String[1];

        Http.Response response = http.get(uri("/d"), Map.of("Range", "bytes=1-"), Duration.ofSeconds(5),
                (head, in) -> {
                    range[0] = head.header("Content-Range").orElse(null);
                    in.transferTo(body);
                });

        assertThat(response.status()).isEqualTo(206);
        assertThat(range[0]).isEqualTo("bytes 1-3/4");
        assertThat(body.toByteArray()).containsExactly(1, 2, 3);
        server.verify(getRequestedFor(urlPathEqualTo("/d")).withHeader("Range", equalTo("bytes=1-")));
    }

    @Test
    void a_get_answered_with_an_error_returns_the_body_and_never_calls_the_reader() throws Exception {
        server.stubFor(get(urlPathEqualTo("/d")).willReturn(aResponse().withStatus(404).withBody("<Error/>")));

        Http.Response response = http.get(uri("/d"), Map.of(), Duration.ofSeconds(5), (head, in) -> {
            throw new AssertionError("the reader is for 2xx answers");
        });

        assertThat(response.status()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("<Error/>");
    }

    private Thread acceptAndHold(ServerSocket socket) {
        Thread t = new Thread(() -> {
            try {
                Socket s = socket.accept();
                synchronized (held) {
                    held.add(s);
                }
            } catch (Exception ignored) {
                // closed by the test
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
