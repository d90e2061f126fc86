package dev.photo.cli.upload;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code photo upload} when S3 misbehaves: faults are retried, expired URLs presigned again, failures isolated. */
class UploaderFaultsTest extends FakeBackendTestBase {

    private static final String EXPIRED = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
            + "<Message>Request has expired</Message></Error>";

    @TempDir
    Path photos;

    @Test
    void an_expired_url_is_presigned_again_and_is_not_a_failed_attempt() throws Exception {
        Files.writeString(photos.resolve("late.jpg"), "late photo");
        stubInOrder("/s3/late.jpg", aResponse().withStatus(403).withBody(EXPIRED), aResponse().withStatus(200));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip",
                "--retries", "0");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 0, failed 0");
        assertThat(backend.uploadBatches()).as("the batch, then the same file again for a fresh URL").hasSize(2);
        backend.server().verify(2, putRequestedFor(urlPathEqualTo("/s3/late.jpg")));
    }

    @Test
    void connection_resets_and_slow_down_are_retried() throws Exception {
        Files.writeString(photos.resolve("reset.jpg"), "reset photo");
        Files.writeString(photos.resolve("slow.jpg"), "slow photo");
        stubInOrder("/s3/reset.jpg", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(200));
        stubInOrder("/s3/slow.jpg", aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"),
                aResponse().withStatus(200));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip");

        assertThat(result.out()).contains("uploaded 2, duplicate 0, rejected 0, failed 0");
        backend.server().verify(2, putRequestedFor(urlPathEqualTo("/s3/reset.jpg")));
        backend.server().verify(2, putRequestedFor(urlPathEqualTo("/s3/slow.jpg")));
    }

    @Test
    void a_file_that_keeps_failing_is_reported_with_its_reason_and_the_exit_code_is_partial() throws Exception {
        Files.writeString(photos.resolve("good.jpg"), "good photo");
        Files.writeString(photos.resolve("bad.jpg"), "bad photo");
        backend.server().stubFor(put(urlPathEqualTo("/s3/bad.jpg")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>")));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "upload", photos.toString(), "--album", "trip",
                "--retries", "2");

        assertThat(result.out()).contains("uploaded 1, duplicate 0, rejected 0, failed 1")
                .contains("storage answered HTTP 503 SlowDown after 3 attempts");
        backend.server().verify(3, putRequestedFor(urlPathEqualTo("/s3/bad.jpg")));
    }

    private void stubInOrder(String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first,
                             com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder then) {
        backend.server().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("then"));
        backend.server().stubFor(put(urlPathEqualTo(path)).atPriority(1).inScenario(path)
                .whenScenarioStateIs("then").willReturn(then));
    }
}
