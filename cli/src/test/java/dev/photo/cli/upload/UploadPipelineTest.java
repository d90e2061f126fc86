package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.client.AccessTokens;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.Http;
import dev.photo.cli.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine's pipeline as both the upload and its dry run go through it: preparing, batching, answers. */
class UploadPipelineTest extends FakeBackendTestBase {

    private static final int MIB = 1 << 20;
    /** Sha256's read buffer: a callback of exactly this many bytes is a full read in the middle of a larger file. */
    private static final int READ = MIB;

    @TempDir
    Path photos;

    private ApiClient api() {
        AccessTokens tokens = new AccessTokens() {
            @Override
            public String current() {
                return FakeBackend.ACCESS_TOKEN;
            }

            @Override
            public String renew(String rejected) {
                return FakeBackend.ACCESS_TOKEN;
            }
        };
        return new ApiClient(backend.baseUrl(), new Http("photo-test"), tokens, new RetryPolicy(0, Duration.ZERO));
    }

    /** A dry-run answer for batches of one file: the API would take it. */
    private void answerDryRunsOfOneFile() {
        backend.server().stubFor(post(urlEqualTo("/uploads")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.dryRun", equalTo("true")))
                .willReturn(okJson("{\"results\": [{\"index\": 0, \"status\": \"upload\", \"photoId\": null}]}")));
    }

    private static LocalFile local(Path path) throws IOException {
        return new LocalFile(path, path.getFileName().toString(), Files.size(path), "trip");
    }

    private static TransferSettings settings() {
        return TransferSettings.defaults(new RetryPolicy(0, Duration.ZERO));
    }

    @Test
    void a_dry_run_fails_a_file_that_changed_while_it_was_read_as_the_upload_does() throws Exception {
        Path growing = Files.write(photos.resolve("growing.jpg"), new byte[3 * MIB]);
        Path steady = Files.writeString(photos.resolve("steady.jpg"), "steady photo");
        answerDryRunsOfOneFile();
        AtomicBoolean appended = new AtomicBoolean();
        UploadListener appendsWhileHashing = new UploadListener() {
            @Override
            public void hashed(long bytes) {
                // only growing.jpg comes in pieces this large: grow it while it is being read
                if (bytes >= READ && appended.compareAndSet(false, true)) {
                    try {
                        Files.write(growing, new byte[MIB], StandardOpenOption.APPEND);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void finished(LocalFile file, UploadOutcome outcome) {
            }
        };

        List<UploadOutcome> plan = new DryRunPlanner(api(), settings(), appendsWhileHashing)
                .plan(List.of(local(growing), local(steady)));

        assertThat(appended).isTrue();
        assertThat(plan.get(0).status()).isEqualTo(UploadStatus.FAILED);
        assertThat(plan.get(0).reason()).isEqualTo("the file changed while it was read");
        assertThat(plan.get(1).status()).isEqualTo(UploadStatus.WOULD_UPLOAD);
        assertThat(backend.uploadBatches()).singleElement()
                .satisfies(batch -> assertThat(batch.path("files")).extracting(f -> f.path("name").asText())
                        .containsExactly("steady.jpg"));
    }

    @Test
    void a_dry_run_reports_a_repeat_of_content_declared_in_an_earlier_batch_as_a_duplicate() throws Exception {
        Path first = Files.writeString(photos.resolve("first.jpg"), "the same bytes");
        Path again = Files.writeString(photos.resolve("again.jpg"), "the same bytes");
        answerDryRunsOfOneFile();

        List<UploadOutcome> plan = new DryRunPlanner(api(), settings().withMaxBatch(1), UploadListener.none())
                .plan(List.of(local(first), local(again)));

        assertThat(plan).extracting(UploadOutcome::status)
                .containsExactlyInAnyOrder(UploadStatus.WOULD_UPLOAD, UploadStatus.DUPLICATE);
        assertThat(plan).filteredOn(o -> o.status() == UploadStatus.DUPLICATE).singleElement()
                .extracting(UploadOutcome::reason).isEqualTo("same content as another file of this upload");
        assertThat(backend.uploadBatches()).as("the repeat is not declared again").hasSize(1);
    }

    @Test
    void the_upload_declares_at_most_the_max_batch_that_the_server_advertises() throws Exception {
        for (int i = 0; i < 7; i++) {
            Files.writeString(photos.resolve("img-" + i + ".jpg"), "photo number " + i);
        }
        backend.server().stubFor(get(urlEqualTo("/config")).atPriority(1).willReturn(okJson("""
                {"region": "local", "userPoolId": "local_photo", "clientId": "photo-cli",
                 "cognitoEndpoint": "%s/", "maxUploadBytes": 209715200, "maxBatch": 2}""".formatted(backend.baseUrl()))));

        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "-q");

        List<JsonNode> batches = backend.uploadBatches();
        assertThat(batches).allSatisfy(batch -> assertThat(batch.path("files").size()).isBetween(1, 2));
        assertThat(batches.stream().mapToInt(batch -> batch.path("files").size()).sum()).isEqualTo(7);
        backend.server().verify(7, putRequestedFor(urlPathMatching("/s3/.*")));
    }

    @Test
    void a_dry_run_declares_at_most_the_max_batch_that_the_server_advertises() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.writeString(photos.resolve("img-" + i + ".jpg"), "photo number " + i);
        }
        answerDryRunsOfOneFile();
        backend.server().stubFor(get(urlEqualTo("/config")).atPriority(1).willReturn(okJson("""
                {"region": "local", "userPoolId": "local_photo", "clientId": "photo-cli",
                 "cognitoEndpoint": "%s/", "maxUploadBytes": 209715200, "maxBatch": 1}""".formatted(backend.baseUrl()))));

        photo.runAndEnsureExitCodeOk("upload", photos.toString(), "--album", "trip", "--dry-run", "-q");

        assertThat(backend.uploadBatches()).hasSize(3)
                .allSatisfy(batch -> assertThat(batch.path("files").size()).isEqualTo(1));
    }
}
