package dev.photo.cli.client;

import dev.photo.cli.download.DownloadListener;
import dev.photo.cli.download.DownloadOutcome;
import dev.photo.cli.download.Downloader;
import dev.photo.cli.download.NamePlan;
import dev.photo.contract.Downloads;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.contract.BackendInfo;
import dev.photo.contract.PresignedUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One rule for every endpoint the client is told about, as {@code photo configure} applies to the API URL: https,
 * or http only to this machine. The login endpoint named by {@code GET /config} and the presigned URLs in the API's
 * answers used to be taken as they came.
 */
class EndpointPolicyTest {

    @TempDir
    Path dir;

    WireMockServer local;

    @BeforeEach
    void start() {
        local = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        local.start();
        local.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        local.stop();
    }

    @Test
    void https_anywhere_and_http_only_to_this_machine() {
        assertThat(EndpointPolicy.violation(URI.create("https://api.example.com/prod"))).isEmpty();
        assertThat(EndpointPolicy.violation(URI.create("http://127.0.0.1:9000/x"))).isEmpty();
        assertThat(EndpointPolicy.violation(URI.create("http://127.1.2.3/x"))).isEmpty();
        assertThat(EndpointPolicy.violation(URI.create("http://localhost:8080/"))).isEmpty();
        assertThat(EndpointPolicy.violation(URI.create("http://[::1]:8080/"))).isEmpty();

        assertThat(EndpointPolicy.violation(URI.create("http://api.example.com/"))).isPresent();
        assertThat(EndpointPolicy.violation(URI.create("http://127.0.0.1.example.com/")))
                .as("a name that starts like a loopback address").isPresent();
        assertThat(EndpointPolicy.violation(URI.create("http://127.example.com/"))).isPresent();
        assertThat(EndpointPolicy.violation(URI.create("http://10.0.0.1/"))).isPresent();
        assertThat(EndpointPolicy.violation(URI.create("ftp://127.0.0.1/"))).isPresent();
        assertThat(EndpointPolicy.violation(URI.create("file:///etc/passwd"))).isPresent();
    }

    @Test
    void a_login_endpoint_over_http_to_another_host_is_refused_before_any_password_is_sent() {
        BackendInfo config = new BackendInfo("eu-west-1", "pool", "client-1", "http://cognito.example.com/",
                null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> new CognitoLoginService(config, new Http("photo-test"), Clock.systemUTC()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.ERROR))
                .hasMessage("the login endpoint named by the API's /config uses http to cognito.example.com; "
                        + "only https is allowed beyond this machine");
    }

    @Test
    void an_api_url_over_http_to_another_host_is_refused() {
        assertThatThrownBy(() -> new ApiClient(URI.create("http://api.example.com/prod"), new Http("photo-test"),
                null, new RetryPolicy(1, Duration.ofMillis(1))))
                .isInstanceOf(CliException.class).hasMessageContaining("the API URL uses http to api.example.com");
    }

    @Test
    void an_upload_url_over_http_to_another_host_fails_that_file_and_sends_nothing() throws Exception {
        Path file = Files.writeString(dir.resolve("a.jpg"), "abc");
        TransferClient client = new TransferClient(new Http("photo-test"));
        PresignedUpload remote = new PresignedUpload("PUT",
                "http://photos.s3.example.com/o?X-Amz-Signature=secret", Map.of("Content-Type", "image/jpeg"), null);
        PresignedUpload onThisMachine = new PresignedUpload("PUT",
                "http://127.0.0.1:" + local.port() + "/o?X-Amz-Signature=secret", Map.of("Content-Type", "image/jpeg"),
                null);

        TransferResult refused = client.put(remote, FileSlice.whole(file, 3), new RetryPolicy(3, Duration.ofMillis(1)),
                n -> { });

        assertThat(refused.status()).isEqualTo(TransferResult.Status.FAILED);
        assertThat(refused.reason()).isEqualTo("refused the upload URL the API gave: it uses http to "
                + "photos.s3.example.com; only https is allowed beyond this machine").doesNotContain("secret");
        assertThat(client.put(onThisMachine, FileSlice.whole(file, 3), new RetryPolicy(3, Duration.ofMillis(1)),
                n -> { }).status()).isEqualTo(TransferResult.Status.STORED);
        local.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void a_download_url_over_http_to_another_host_is_refused() throws Exception {
        PhotoInfo photo = new PhotoInfo("p-1", "trip", "out.jpg", "image/jpeg", 3L, "a".repeat(64), "READY", null,
                null, null, null, null, null, List.of(), null, null);
        Downloader downloader = new Downloader(id -> new PhotoDetails(photo,
                new Downloads("http://photos.s3.example.com/o?X-Amz-Signature=secret", Map.of()), null),
                new TransferClient(new Http("photo-test")),
                new Downloader.Settings(1, new RetryPolicy(3, Duration.ofMillis(1)), false),
                DownloadListener.none(), Clock.systemUTC());

        DownloadOutcome refused = downloader.run(dir, NamePlan.assign(List.of(photo), null, true), List.of()).get(0);

        assertThat(refused.status()).isEqualTo(DownloadOutcome.Status.FAILED);
        assertThat(refused.message()).contains("uses http to photos.s3.example.com").doesNotContain("secret");
        assertThat(dir.resolve("out.jpg")).doesNotExist();
    }
}
