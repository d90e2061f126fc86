package dev.photo.cli.client;

import dev.photo.contract.PresignedUpload;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class TransferClientTest {

    @TempDir
    Path dir;

    WireMockServer s3;
    TransferClient client;
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(1));

    @BeforeEach
    void start() {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        client = new TransferClient(new Http("photo-test"));
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    @Test
    void progress_counts_every_byte_once_across_retries() throws Exception {
        byte[] content = new byte[300_000];
        content[12345] = 7;
        Path file = Files.write(dir.resolve("big.jpg"), content);
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        s3.stubFor(put(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        AtomicLong progress = new AtomicLong();

        TransferResult result = client.put(upload(Map.of("Content-Type", "image/jpeg")), whole(file), retry,
                progress::addAndGet);

        assertThat(result).isEqualTo(TransferResult.success(2));
        assertThat(progress.get()).isEqualTo(content.length);
        s3.verify(2, putRequestedFor(urlPathEqualTo("/o")).withRequestBody(binaryEqualTo(content)));
    }

    @Test
    void sends_the_signed_headers_but_leaves_host_and_length_to_the_client() throws Exception {
        Path file = Files.writeString(dir.resolve("a.jpg"), "abc");
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(200)));

        TransferResult result = client.put(upload(Map.of("Host", "evil.example", "Content-Length", "999",
                "Content-Type", "image/jpeg", "If-None-Match", "*")), whole(file), retry, bytes -> { });

        assertThat(result.ok()).isTrue();
        s3.verify(putRequestedFor(urlPathEqualTo("/o"))
                .withHeader("Content-Length", equalTo("3"))
                .withHeader("Host", equalTo("127.0.0.1:" + s3.port()))
                .withHeader("If-None-Match", equalTo("*"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void a_412_after_a_lost_answer_counts_as_stored_and_a_403_is_not_retried() throws Exception {
        Path file = Files.writeString(dir.resolve("a.jpg"), "abc");
        s3.stubFor(put(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(412)));
        s3.stubFor(put(urlPathEqualTo("/forbidden")).willReturn(aResponse().withStatus(403)
                .withBody("<Error><Code>SignatureDoesNotMatch</Code></Error>")));

        TransferResult stored = client.put(upload(Map.of()), whole(file), retry, bytes -> { });
        TransferResult forbidden = client.put(new PresignedUpload("PUT", "http://127.0.0.1:" + s3.port()
                + "/forbidden", Map.of(), null), whole(file), retry, bytes -> { });

        assertThat(stored.status()).isEqualTo(TransferResult.Status.ALREADY_STORED);

        assertThat(forbidden).isEqualTo(TransferResult.failure(1, "storage answered HTTP 403 SignatureDoesNotMatch"));
    }

    @Test
    void presigned_urls_are_not_shown_whole_in_to_string() {
        assertThat(upload(Map.of()).toString()).contains("/o?***").doesNotContain("X-Amz-Signature");
    }

    private static FileSlice whole(Path file) throws Exception {
        return FileSlice.whole(file, Files.size(file));
    }

    private PresignedUpload upload(Map<String, String> headers) {
        return new PresignedUpload("PUT", "http://127.0.0.1:" + s3.port() + "/o?X-Amz-Signature=secret", headers, null);
    }
}
