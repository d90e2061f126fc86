package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.cli.upload.FaultProxy.Fault;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo upload} of a remote-style profile whose API is reached through a fault proxy in front of the real
 * local stack: connections are reset, answered 500 or 503, held for seconds, or cut half-way through the answer. The
 * upload either completes after retries or fails with a reason per file and exit code 3; every file it reports
 * uploaded is stored, READY, with the SHA-256 of the file on disk.
 */
class ApiFaultProxyTest {

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.inProcess();

    private FaultProxy proxy;

    /** The faults connections meet, in turn: every other one passes. */
    private static final Fault[] CYCLE = {Fault.RESET, Fault.PASS, Fault.STATUS_503, Fault.PASS, Fault.STATUS_500,
        Fault.PASS, Fault.SLOW, Fault.PASS, Fault.TRUNCATE, Fault.PASS};

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void an_upload_through_api_faults_completes_or_fails_clearly_and_reports_only_stored_files() throws Exception {
        URI api = LOCAL.stack().endpoints().api();
        AtomicInteger connections = new AtomicInteger();
        // keep-alive connections as the client makes them: a fault per new connection
        proxy = FaultProxy.start(() -> api, head -> CYCLE[connections.getAndIncrement() % CYCLE.length], false);
        Path folder = Files.createDirectories(LOCAL.photos().resolve("faults"));
        Map<String, String> shaByName = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            Path file = LocalStackFixture.paddedJpeg(folder.resolve("f" + i + ".jpg"), 25_000 + i, 900 + i);
            shaByName.put(file.getFileName().toString(), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        String proxied = proxy.uri().toString();
        LocalCredentials admin = LocalStack.adminCredentials(LOCAL.dataDir()).orElseThrow();
        assertThat(FaultRuns.run(LOCAL, null, "configure", "--profile", "faulty", "--api-url", proxied).code())
                .isEqualTo(ExitCodes.OK);
        // login goes through the proxy for GET /config, so it may meet faults too; it must end logged in
        FaultRuns.Result login = FaultRuns.run(LOCAL, admin.password() + "\n", "login", "--profile", "faulty",
                "--username", admin.username(), "--password-stdin");
        assertThat(login.code()).as(login.toString()).isEqualTo(ExitCodes.OK);

        FaultRuns.Result upload = FaultRuns.run(LOCAL, null, "upload", folder.toString(), "--album", "faults",
                "--profile", "faulty", "--output", "json", "--quiet");
        assertThat(upload.code()).as(upload.toString()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        JsonNode report = Json.mapper().readTree(upload.out());
        assertThat(report.path("files")).as(upload.toString()).hasSize(shaByName.size());
        assertThat(proxy.met().keySet()).as("faults met: %s", proxy.met()).contains(Fault.RESET, Fault.STATUS_503);

        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(60))).isTrue();
        Map<String, JsonNode> stored = FaultRuns.storedByName(LOCAL, "faults");
        int uploaded = 0;
        for (JsonNode f : report.path("files")) {
            String name = f.path("name").asText();
            if (f.path("status").asText().equals("uploaded")) {
                uploaded++;
                assertThat(stored).as("%s reported uploaded: %s", name, upload).containsKey(name);
                assertThat(stored.get(name).path("sha256").asText()).isEqualTo(shaByName.get(name));
                assertThat(stored.get(name).path("status").asText()).isEqualTo("READY");
            } else {
                assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("failed");
                assertThat(f.path("reason").asText()).as(f.toString()).isNotBlank();
            }
        }
        assertThat(upload.code() == ExitCodes.OK).as(upload.toString()).isEqualTo(uploaded == shaByName.size());
    }
}
