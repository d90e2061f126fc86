package dev.photo.cli.download;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.cli.client.Http;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.client.TransferClient;
import dev.photo.contract.Downloads;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What storage throws at a download: resets before and in the middle of a body, 5xx, bodies cut short, wrong bytes,
 * ranges ignored or refused, expired URLs, and parts that earlier runs left. Each ends verified or failed, and
 * never with unverified bytes under the final name.
 */
class DownloaderFaultsTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    private WireMockServer s3;
    private final byte[] content = new byte[SIZE];
    private String sha256;
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong progress = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        new Random(7).nextBytes(content);
        sha256 = hex(content);
    }

    @AfterEach
    void stop() {
        s3.stop();
    }

    private static String hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private PhotoInfo photo(String id) {
        return new PhotoInfo(id, "trip", id + ".jpg", "image/jpeg", (long) SIZE, sha256, "READY", null, null, null,
                null, null, null, List.of(256), null, null);
    }

    /** Details whose URLs point at {@code base}{@code /ID}, a new signature on every lookup. */
    private Downloader.PhotoSource source(String base) {
        return id -> {
            int n = lookups.incrementAndGet();
            String url = base + "/" + id + "?X-Amz-Signature=s" + n;
            return new PhotoDetails(photo(id), new Downloads(url, Map.of("256", base + "/" + id + "-256?s=" + n)),
                    "2030-01-01T00:00:00Z");
        };
    }

    private List<DownloadOutcome> run(Downloader.PhotoSource source, List<DownloadItem> items) throws Exception {
        Downloader downloader = new Downloader(source, new TransferClient(new Http("photo-test")),
                new Downloader.Settings(2, new RetryPolicy(3, Duration.ofMillis(1)), false), new DownloadListener() {
                    @Override
                    public void transferred(long bytes) {
                        progress.addAndGet(bytes);
                    }

                    @Override
                    public void sized(long bytes) {
                    }

                    @Override
                    public void finished(DownloadItem item, DownloadOutcome outcome) {
                    }
                }, Clock.systemUTC());
        return downloader.run(dir, items, List.of());
    }

    private DownloadOutcome runOne(String base) throws Exception {
        return run(source(base), List.of(new DownloadItem(photo("o"), "o.jpg", null, true))).get(0);
    }

    private String wiremock() {
        return "http://127.0.0.1:" + s3.port();
    }

    private Path part() {
        return dir.resolve(".photo-o.part");
    }

    private void assertVerifiedAndTidy(DownloadOutcome outcome) throws Exception {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(DownloadOutcome.Status.DOWNLOADED);
        assertThat(hex(Files.readAllBytes(dir.resolve("o.jpg")))).isEqualTo(sha256);
        assertThat(part()).doesNotExist();
        assertThat(progress.get()).as("the progress counted each byte once").isEqualTo(SIZE);
    }

    @Test
    void a_reset_before_the_answer_and_500_and_503_are_retried_until_verified() throws Exception {
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("503"));
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503).withBody("<Error><Code>SlowDown</Code></Error>"))
                .willSetStateTo("500"));
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("500")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
        s3.verify(4, getRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_malformed_body_is_retried() throws Exception {
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("ok"));
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("ok")
                .willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
    }

    @Test
    void retries_spent_on_503_fail_the_photo_with_the_status() throws Exception {
        s3.stubFor(get(urlPathEqualTo("/o")).willReturn(aResponse().withStatus(503)));

        DownloadOutcome outcome = runOne(wiremock());

        assertThat(outcome.status()).isEqualTo(DownloadOutcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo("transfer_failed");
        assertThat(outcome.message()).isEqualTo("storage answered HTTP 503");
        assertThat(dir.resolve("o.jpg")).doesNotExist();
        s3.verify(4, getRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void wrong_bytes_are_fetched_once_more_then_fail_with_nothing_left_under_the_name() throws Exception {
        byte[] wrong = content.clone();
        wrong[SIZE / 2] ^= 1;
        s3.stubFor(get(urlPathEqualTo("/o")).willReturn(aResponse().withBody(wrong)));

        DownloadOutcome outcome = runOne(wiremock());

        assertThat(outcome.status()).isEqualTo(DownloadOutcome.Status.FAILED);
        assertThat(outcome.reason()).isEqualTo("checksum_mismatch");
        assertThat(outcome.message()).contains("do not match the stored SHA-256").contains(hex(wrong));
        assertThat(dir.resolve("o.jpg")).doesNotExist();
        assertThat(part()).doesNotExist();
        s3.verify(2, getRequestedFor(urlPathEqualTo("/o")));
        assertThat(progress.get()).isZero();
    }

    @Test
    void wrong_bytes_once_are_replaced_by_a_fresh_download_without_a_range() throws Exception {
        byte[] wrong = content.clone();
        wrong[0] ^= 1;
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withBody(wrong)).willSetStateTo("ok"));
        s3.stubFor(get(urlPathEqualTo("/o")).inScenario("s").whenScenarioStateIs("ok")
                .withHeader("Range", absent()).willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
    }

    @Test
    void a_part_an_interrupted_run_left_is_continued_with_a_range_request() throws Exception {
        Files.write(part(), Arrays.copyOf(content, 100_000));
        s3.stubFor(get(urlPathEqualTo("/o")).withHeader("Range", equalTo("bytes=100000-"))
                .willReturn(aResponse().withStatus(206).withHeader("Content-Range", "bytes 100000-299999/300000")
                        .withBody(Arrays.copyOfRange(content, 100_000, SIZE))));

        DownloadOutcome outcome = runOne(wiremock());

        assertVerifiedAndTidy(outcome);
        assertThat(outcome.resumedFrom()).isEqualTo(100_000);
        s3.verify(1, getRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_server_that_ignores_the_range_has_the_part_written_again_from_the_start() throws Exception {
        Files.write(part(), Arrays.copyOf(content, 100_000));
        s3.stubFor(get(urlPathEqualTo("/o")).willReturn(aResponse().withBody(content)));

        DownloadOutcome outcome = runOne(wiremock());

        assertVerifiedAndTidy(outcome);
        assertThat(outcome.resumedFrom()).isNull();
    }

    @Test
    void a_range_answered_from_another_offset_is_asked_again_without_one() throws Exception {
        Files.write(part(), Arrays.copyOf(content, 100_000));
        s3.stubFor(get(urlPathEqualTo("/o")).withHeader("Range", equalTo("bytes=100000-"))
                .willReturn(aResponse().withStatus(206).withHeader("Content-Range", "bytes 0-299999/300000")
                        .withBody(content)));
        s3.stubFor(get(urlPathEqualTo("/o")).withHeader("Range", absent()).willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
        s3.verify(1, getRequestedFor(urlPathEqualTo("/o")).withHeader("Range", absent()));
    }

    @Test
    void a_complete_part_is_verified_without_a_request_and_a_corrupt_one_fetched_again() throws Exception {
        Files.write(part(), content);
        assertVerifiedAndTidy(runOne(wiremock()));
        s3.verify(0, getRequestedFor(urlPathEqualTo("/o")));

        Files.delete(dir.resolve("o.jpg"));
        byte[] corrupt = content.clone();
        corrupt[5] ^= 1;
        Files.write(part(), corrupt);
        progress.set(0);
        s3.stubFor(get(urlPathEqualTo("/o")).withHeader("Range", absent()).willReturn(aResponse().withBody(content)));
        assertVerifiedAndTidy(runOne(wiremock()));
        s3.verify(1, getRequestedFor(urlPathEqualTo("/o")));
    }

    @Test
    void a_part_longer_than_the_object_is_not_continued() throws Exception {
        Files.write(part(), new byte[SIZE + 10]);
        s3.stubFor(get(urlPathEqualTo("/o")).withHeader("Range", absent()).willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
    }

    @Test
    void a_thumbnail_part_is_never_continued_as_nothing_could_verify_the_joined_file() throws Exception {
        Files.write(dir.resolve(".photo-o-thumb256.part"), new byte[] {1, 2, 3});
        s3.stubFor(get(urlPathEqualTo("/o-256")).willReturn(aResponse().withBody("THUMB")));

        DownloadOutcome outcome = run(source(wiremock()), List.of(new DownloadItem(photo("o"), "o.thumb256.jpg",
                256, true))).get(0);

        assertThat(outcome.status()).isEqualTo(DownloadOutcome.Status.DOWNLOADED);
        assertThat(dir.resolve("o.thumb256.jpg")).hasContent("THUMB");
        s3.verify(1, getRequestedFor(urlPathEqualTo("/o-256")).withHeader("Range", absent()));
    }

    @Test
    void an_expired_url_is_asked_for_again_and_the_bytes_kept() throws Exception {
        s3.stubFor(get(urlPathEqualTo("/o")).withQueryParam("X-Amz-Signature", equalTo("s1"))
                .willReturn(aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code>"
                        + "<Message>Request has expired</Message></Error>")));
        s3.stubFor(get(urlPathEqualTo("/o")).withQueryParam("X-Amz-Signature", equalTo("s2"))
                .willReturn(aResponse().withBody(content)));

        assertVerifiedAndTidy(runOne(wiremock()));
        assertThat(lookups.get()).isEqualTo(2);
    }

    @Test
    void a_failed_photo_never_stops_the_others() throws Exception {
        s3.stubFor(get(urlPathEqualTo("/a")).willReturn(aResponse().withBody(content)));
        s3.stubFor(get(urlPathEqualTo("/b")).willReturn(aResponse().withStatus(404)));
        s3.stubFor(get(urlPathEqualTo("/c")).willReturn(aResponse().withBody(content)));

        List<DownloadOutcome> outcomes = run(source(wiremock()), NamePlan.assign(List.of(photo("c"), photo("a"),
                photo("b")), null, false));

        assertThat(outcomes).extracting(DownloadOutcome::photoId).containsExactly("a", "b", "c");
        assertThat(outcomes).extracting(DownloadOutcome::status).containsExactly(DownloadOutcome.Status.DOWNLOADED,
                DownloadOutcome.Status.FAILED, DownloadOutcome.Status.DOWNLOADED);
        assertThat(outcomes.get(1).message()).isEqualTo("storage answered HTTP 404");
        assertThat(dir.resolve("a.jpg")).exists();
        assertThat(dir.resolve("c.jpg")).exists();
    }

    @Test
    void a_body_cut_short_is_continued_from_where_it_stopped() throws Exception {
        try (CuttingStorage storage = new CuttingStorage(content, 120_000, false)) {
            DownloadOutcome outcome = runOne(storage.base());

            assertVerifiedAndTidy(outcome);
            assertThat(storage.ranges).containsExactly("none", "bytes=120000-");
        }
    }

    @Test
    void a_connection_reset_in_the_middle_of_the_body_is_continued_from_where_it_stopped() throws Exception {
        try (CuttingStorage storage = new CuttingStorage(content, 200_000, true)) {
            DownloadOutcome outcome = runOne(storage.base());

            assertVerifiedAndTidy(outcome);
            assertThat(storage.ranges).hasSize(2).first().isEqualTo("none");
            // the reset may lose bytes in flight: whatever reached the part is continued, never fetched again
            assertThat(storage.ranges.get(1)).startsWith("bytes=");
            long from = Long.parseLong(storage.ranges.get(1).replaceAll("\\D", ""));
            assertThat(from).isPositive().isLessThanOrEqualTo(200_000);
        }
    }

    /**
     * Storage on a raw socket, to cut a body where WireMock cannot: the first answer declares the whole object and
     * stops after {@code cut} bytes (closing, or resetting the connection); later ones serve what a Range asks for.
     */
    private static final class CuttingStorage implements AutoCloseable {

        private final ServerSocket server;
        private final Thread thread;
        final List<String> ranges = new CopyOnWriteArrayList<>();

        CuttingStorage(byte[] content, int cut, boolean reset) throws Exception {
            server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(content, cut, reset), "cutting-storage");
            thread.setDaemon(true);
            thread.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        private void serve(byte[] content, int cut, boolean reset) {
            for (int n = 0; !server.isClosed(); n++) {
                try (Socket socket = server.accept()) {
                    String range = readRange(socket.getInputStream());
                    ranges.add(range == null ? "none" : range);
                    OutputStream out = socket.getOutputStream();
                    if (n == 0) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + content.length
                                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(content, 0, cut);
                        out.flush();
                        if (reset) {
                            socket.setSoLinger(true, 0);
                        }
                        continue;
                    }
                    int from = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D", ""));
                    String status = range == null ? "200 OK" : "206 Partial Content";
                    String contentRange = range == null ? "" : "Content-Range: bytes " + from + "-"
                            + (content.length - 1) + "/" + content.length + "\r\n";
                    out.write(("HTTP/1.1 " + status + "\r\nContent-Length: " + (content.length - from) + "\r\n"
                            + contentRange + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(content, from, content.length - from);
                    out.flush();
                } catch (Exception e) {
                    // closed at the end of the test
                }
            }
        }

        private static String readRange(InputStream in) throws Exception {
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            List<String> found = new ArrayList<>();
            head.toString().lines().filter(l -> l.toLowerCase().startsWith("range:"))
                    .forEach(l -> found.add(l.substring(6).trim()));
            return found.isEmpty() ? null : found.get(0);
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
