package dev.photo.cli.client;

import dev.photo.contract.PresignedUpload;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.local.s3.S3Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults S3 throws at a transfer: which are retried, which are not, and which mean "presign again". */
class TransferFaultsTest {

    /** What S3Proxy 3.0.0 (and S3) answer to a presigned PUT after its expiry, seen in the last test here. */
    static final String EXPIRED_BODY = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
            + "<Message>Request has expired</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";

    @TempDir
    Path dir;

    WireMockServer s3;
    TransferClient client;
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1));
    Path file;

    @BeforeEach
    void start() throws Exception {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        client = new TransferClient(new Http("photo-test"));
        file = Files.write(dir.resolve("a.jpg"), new byte[100_000]);
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void a_connection_reset_by_the_peer_is_retried() throws Exception {
        failFirstWith(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        TransferResult result = client.put(url(null), whole(), retry, bytes -> { });

        assertThat(result.ok()).isTrue();
        assertThat(result.attempts()).isEqualTo(2);
    }

    @Test
    void slow_down_and_503_are_retried_until_stored() throws Exception {
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("second"));
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"abc\"")));

        TransferResult result = client.put(url(null), whole(), retry, bytes -> { });

        assertThat(result).isEqualTo(new TransferResult(TransferResult.Status.STORED, 3, null, "\"abc\""));
    }

    @Test
    void gives_up_after_the_retries_allowed_with_the_last_reason() throws Exception {
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(500)
                .withBody("<Error><Code>InternalError</Code></Error>")));

        TransferResult result = client.put(url(null), whole(), new RetryPolicy(2, Duration.ofMillis(1)), b -> { });

        assertThat(result).isEqualTo(TransferResult.failure(3, "storage answered HTTP 500 InternalError"));
        s3.verify(3, putRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_refusal_without_an_s3_error_body_fails_at_once_with_its_status() throws Exception {
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(400)));

        TransferResult result = client.put(url(null), whole(), retry, bytes -> { });

        assertThat(result).isEqualTo(TransferResult.failure(1, "storage answered HTTP 400"));
        s3.verify(1, putRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void an_expired_answer_asks_for_a_new_url_without_using_a_retry() throws Exception {
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(403).withBody(EXPIRED_BODY)));

        TransferResult result = client.put(url(null), whole(), retry, bytes -> { });

        assertThat(result.status()).isEqualTo(TransferResult.Status.EXPIRED);
        assertThat(result.attempts()).isZero();
        s3.verify(1, putRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_url_past_its_expiry_is_not_even_sent() throws Exception {
        TransferResult result = client.put(url(Instant.now().minusSeconds(1).toString()), whole(), retry, b -> { });

        assertThat(result.status()).isEqualTo(TransferResult.Status.EXPIRED);
        s3.verify(0, putRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_slice_sends_exactly_its_bytes() throws Exception {
        byte[] content = new byte[3 * Http.CHUNK + 17];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path big = Files.write(dir.resolve("big.jpg"), content);
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(200)));
        int from = 1000;
        int length = 2 * Http.CHUNK + 5;

        TransferResult result = client.put(url(null), new FileSlice(big, from, length), retry, bytes -> { });

        assertThat(result.ok()).isTrue();
        s3.verify(putRequestedFor(urlPathEqualTo("/o"))
                .withRequestBody(binaryEqualTo(Arrays.copyOfRange(content, from, from + length))));
    }

    @Test
    void s3proxy_answers_an_expired_presigned_put_in_the_way_recognised_as_expired(@TempDir Path root)
            throws Exception {
        try (S3Server server = S3Server.start(root, 0, "AKLOCALTEST", "secret-key-for-this-test", event -> { },
                Clock.systemUTC())) {
            server.ensureBucket("photos");
            S3ObjectStore store = S3ObjectStore.forEndpoint(server.endpoint(), "local", "AKLOCALTEST",
                    "secret-key-for-this-test", "photos");
            PresignedRequest presigned = store.presignPut("originals/u/p", Files.size(file), "image/jpeg",
                    "a".repeat(64), Duration.ofSeconds(1));
            while (Instant.now().isBefore(presigned.expiresAt().plusSeconds(1))) {
                Thread.sleep(50);
            }
            // a client whose clock is behind still sends: the server's answer alone must say "expired"
            TransferClient behind = new TransferClient(new Http("photo-test"),
                    Clock.fixed(presigned.expiresAt().minusSeconds(60), ZoneOffset.UTC));

            TransferResult result = behind.put(new PresignedUpload("PUT", presigned.url().toString(),
                    presigned.headers(), presigned.expiresAt().toString()), whole(), retry, bytes -> { });

            assertThat(result.status()).isEqualTo(TransferResult.Status.EXPIRED);
        }
    }

    private void failFirstWith(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder fault) {
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault).willSetStateTo("ok"));
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("f").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
    }

    private FileSlice whole() throws Exception {
        return FileSlice.whole(file, Files.size(file));
    }

    private PresignedUpload url(String expiresAt) {
        return new PresignedUpload("PUT", "http://127.0.0.1:" + s3.port() + "/o?X-Amz-Signature=s", Map.of(),
                expiresAt);
    }
}
