package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.backend.port.ForwardingObjectStore;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.upload.FaultProxy.Fault;
import dev.photo.local.BackendFunctions;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo upload} whose presigned PUTs, single and multipart parts, reach the REAL local S3 server through a
 * fault proxy: connections reset half-way through the body, 500, 503, S3's {@code SlowDown}, an answer held past the
 * client's timeout after the server stored the bytes, an answer cut short after the server stored them. The stack
 * signs its upload URLs for the proxy's address (everything else, the processor included, talks to the server
 * directly), so the signatures the server checks are real. One file's PUTs always meet {@code SlowDown}: its retries
 * run out. The upload ends exit 3 with that file failed and its reason; every file reported uploaded is in the bucket
 * with the SHA-256 of the file on disk, READY; a rerun without faults completes the rest, each file once.
 */
class S3FaultProxyTest {

    /** The one file whose every PUT is refused with SlowDown: an odd size no other file has. */
    private static final long DOOMED_SIZE = 31_337;
    private static final Fault[] SINGLE_CYCLE = {Fault.RESET_MID_BODY, Fault.PASS, Fault.STATUS_500, Fault.PASS,
        Fault.SLOW_DOWN, Fault.PASS, Fault.TRUNCATE, Fault.PASS, Fault.STATUS_503, Fault.PASS};
    private static final Fault[] PART_CYCLE = {Fault.RESET_MID_BODY, Fault.PASS, Fault.SLOW_DOWN, Fault.PASS,
        Fault.TRUNCATE, Fault.PASS, Fault.STATUS_500, Fault.PASS};

    private static final AtomicBoolean FAULTS_ON = new AtomicBoolean(true);
    private static final AtomicBoolean STALLED = new AtomicBoolean();
    private static final AtomicInteger SINGLES = new AtomicInteger();
    private static final AtomicInteger PARTS = new AtomicInteger();
    /** "single RESET_MID_BODY", "part TRUNCATE", ...: which faults each kind of PUT met. */
    private static final Set<String> MET = ConcurrentHashMap.newKeySet();
    private static FaultProxy proxy;

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.inProcess(BackendFunctions.of(
            (config, photos, objects, admin) -> new ApiHandler(config, photos,
                    new PresignedThroughProxy(objects, S3FaultProxyTest::proxiedStore), admin, Clock.systemUTC()),
            (config, photos, objects, admin) -> new ProcessorHandler(config, photos, objects, admin.jobs(),
                    Clock.systemUTC())));

    @BeforeAll
    static void startProxy() throws IOException {
        proxy = FaultProxy.start(() -> LOCAL.stack().endpoints().s3(), S3FaultProxyTest::pick, true);
    }

    @AfterAll
    static void stopProxy() throws IOException {
        proxy.close();
    }

    private static Fault pick(FaultProxy.Head head) {
        if (!FAULTS_ON.get()) {
            return Fault.PASS;
        }
        if (head.contentLength() == DOOMED_SIZE) {
            return Fault.SLOW_DOWN;
        }
        boolean part = head.target().contains("partNumber=");
        Fault fault;
        if (!part && STALLED.compareAndSet(false, true)) {
            fault = Fault.STALL;
        } else {
            fault = part ? PART_CYCLE[PARTS.getAndIncrement() % PART_CYCLE.length]
                    : SINGLE_CYCLE[SINGLES.getAndIncrement() % SINGLE_CYCLE.length];
        }
        MET.add((part ? "part " : "single ") + fault);
        return fault;
    }

    @Test
    void uploads_through_s3_faults_report_only_stored_files_fail_clearly_and_a_rerun_completes_them() throws Exception {
        Path folder = Files.createDirectories(LOCAL.photos().resolve("s3faults"));
        Map<String, String> shaByName = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            add(shaByName, LocalStackFixture.paddedJpeg(folder.resolve("small" + i + ".jpg"), 40_000 + i, 300 + i));
        }
        add(shaByName, LocalStackFixture.paddedJpeg(folder.resolve("doomed.jpg"), DOOMED_SIZE, 7));
        // multipart at 6 MiB with 5 MiB parts: three parts and two parts
        add(shaByName, LocalStackFixture.paddedJpeg(folder.resolve("large.jpg"), 11L << 20, 11));
        add(shaByName, LocalStackFixture.paddedJpeg(folder.resolve("medium.jpg"), 7L << 20, 13));

        LocalCredentials admin = LocalStack.adminCredentials(LOCAL.dataDir()).orElseThrow();
        assertThat(FaultRuns.run(LOCAL, null, "configure", "--profile", "s3faults", "--api-url",
                LOCAL.stack().endpoints().api().toString()).code()).isEqualTo(ExitCodes.OK);
        FaultRuns.Result login = FaultRuns.run(LOCAL, admin.password() + "\n", "login", "--profile", "s3faults",
                "--username", admin.username(), "--password-stdin");
        assertThat(login.code()).as(login.toString()).isEqualTo(ExitCodes.OK);

        FaultRuns.Result faulty = upload(folder);
        assertThat(faulty.code()).as("the doomed file fails, the run is partial: %s", faulty)
                .isEqualTo(ExitCodes.PARTIAL);
        assertThat(MET).as("faults met").contains("single " + Fault.STALL, "single " + Fault.RESET_MID_BODY,
                "single " + Fault.STATUS_500, "single " + Fault.SLOW_DOWN, "single " + Fault.TRUNCATE,
                "part " + Fault.RESET_MID_BODY, "part " + Fault.SLOW_DOWN, "part " + Fault.TRUNCATE);
        JsonNode report = Json.mapper().readTree(faulty.out());
        assertThat(report.path("files")).as(faulty.toString()).hasSize(shaByName.size());
        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(60))).isTrue();
        Map<String, JsonNode> stored = FaultRuns.storedByName(LOCAL, "s3faults");
        for (JsonNode f : report.path("files")) {
            String name = f.path("name").asText();
            if (f.path("status").asText().equals("uploaded")) {
                assertStoredReady(stored, name, shaByName.get(name), faulty);
            } else {
                assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("failed");
                assertThat(f.path("reason").asText()).as(f.toString()).isNotBlank();
            }
            if (name.equals("doomed.jpg")) {
                assertThat(f.path("status").asText()).isEqualTo("failed");
                assertThat(f.path("reason").asText()).as(f.toString()).contains("503").contains("SlowDown");
                // its record waits for bytes that never arrived (it expires, or the rerun sends them)
                assertThat(stored.get(name).path("status").asText()).isEqualTo("PENDING");
                assertThat(originals(stored.get(name).path("photoId").asText())).as("nothing stored").isEmpty();
            }
        }

        FAULTS_ON.set(false);
        FaultRuns.Result rerun = upload(folder);
        assertThat(rerun.code()).as(rerun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(60))).isTrue();
        Map<String, JsonNode> all = FaultRuns.storedByName(LOCAL, "s3faults");
        assertThat(all.keySet()).isEqualTo(shaByName.keySet());
        for (String name : shaByName.keySet()) {
            assertStoredReady(all, name, shaByName.get(name), rerun);
        }
    }

    private static FaultRuns.Result upload(Path folder) throws Exception {
        return FaultRuns.run(LOCAL, null, "upload", folder.toString(), "--album", "s3faults", "--profile", "s3faults",
                "--multipart-threshold", "6MiB", "--part-size", "5MiB", "--retries", "5", "--output", "json",
                "--quiet");
    }

    /** The record is READY with the file's SHA-256, and the bucket's original has exactly those bytes. */
    private static void assertStoredReady(Map<String, JsonNode> stored, String name, String sha256,
                                          FaultRuns.Result run) throws Exception {
        assertThat(stored).as("%s reported uploaded: %s", name, run).containsKey(name);
        JsonNode photo = stored.get(name);
        assertThat(photo.path("sha256").asText()).isEqualTo(sha256);
        assertThat(photo.path("status").asText()).as(photo.toString()).isEqualTo("READY");
        assertThat(sha256(original(photo.path("photoId").asText()))).as("bytes in the bucket for %s", name)
                .isEqualTo(sha256);
    }

    /** The photo's original as the S3 server stored it. */
    private static Path original(String photoId) throws IOException {
        List<Path> found = originals(photoId);
        assertThat(found).as("original of %s", photoId).hasSize(1);
        return found.get(0);
    }

    private static List<Path> originals(String photoId) throws IOException {
        Path originals = LOCAL.dataDir().resolve("s3").resolve(LocalStack.BUCKET).resolve("originals");
        try (Stream<Path> files = Files.walk(originals)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().equals(photoId))
                    .toList();
        }
    }

    private static void add(Map<String, String> shaByName, Path file) throws Exception {
        shaByName.put(file.getFileName().toString(), sha256(file));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Signs for the proxy's address, with the stack's S3 key pair (known once the stack runs). */
    private static S3ObjectStore proxiedStore() {
        LocalEndpoints e = LOCAL.stack().endpoints();
        return S3ObjectStore.forEndpoint(proxy.uri(), e.region(), e.s3AccessKey(), e.s3SecretKey(), e.bucket());
    }

    /**
     * The stack's store, except that the URLs the client is given point at the proxy. Everything the API does itself
     * (HEAD, creating and completing multipart uploads) goes to the server directly.
     */
    private static final class PresignedThroughProxy extends ForwardingObjectStore implements MultipartUploads {

        private final MultipartUploads realMultipart;
        private final java.util.function.Supplier<S3ObjectStore> factory;
        private volatile S3ObjectStore proxied;

        PresignedThroughProxy(ObjectStore real, java.util.function.Supplier<S3ObjectStore> factory) {
            super(real);
            this.realMultipart = (MultipartUploads) real;
            this.factory = factory;
        }

        private S3ObjectStore proxied() {
            S3ObjectStore p = proxied;
            if (p == null) {
                synchronized (this) {
                    if (proxied == null) {
                        proxied = factory.get();
                    }
                    p = proxied;
                }
            }
            return p;
        }

        @Override
        public PresignedRequest presignPut(String key, long contentLength, String contentType, String sha256Hex,
                                           Duration ttl) {
            return proxied().presignPut(key, contentLength, contentType, sha256Hex, ttl);
        }

        @Override
        public PresignedRequest presignPart(String key, String uploadId, int partNumber, long length,
                                            String sha256Hex, Duration ttl) {
            return proxied().presignPart(key, uploadId, partNumber, length, sha256Hex, ttl);
        }

        @Override
        public String create(String key, String contentType) {
            return realMultipart.create(key, contentType);
        }

        @Override
        public List<UploadedPart> listParts(String key, String uploadId) {
            return realMultipart.listParts(key, uploadId);
        }

        @Override
        public void complete(String key, String uploadId, List<UploadedPart> parts) {
            realMultipart.complete(key, uploadId, parts);
        }

        @Override
        public void abort(String key, String uploadId) {
            realMultipart.abort(key, uploadId);
        }

        @Override
        public void abortAll(String key) {
            realMultipart.abortAll(key);
        }
    }
}
