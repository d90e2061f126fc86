package dev.photo.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    private ServerSocket proxy;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    /** What the proxy does to a connection. */
    enum Fault { RESET, PASS, STATUS_500, STATUS_503, SLOW, TRUNCATE }

    /** The faults connections meet, in turn: every other one passes. */
    private static final Fault[] CYCLE = {Fault.RESET, Fault.PASS, Fault.STATUS_503, Fault.PASS, Fault.STATUS_500,
        Fault.PASS, Fault.SLOW, Fault.PASS, Fault.TRUNCATE, Fault.PASS};

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        pool.shutdownNow();
    }

    @Test
    void an_upload_through_api_faults_completes_or_fails_clearly_and_reports_only_stored_files() throws Exception {
        URI api = LOCAL.stack().endpoints().api();
        AtomicInteger connections = new AtomicInteger();
        Map<Fault, AtomicInteger> met = new ConcurrentHashMap<>();
        startProxy(api, connections, met);
        Path folder = Files.createDirectories(LOCAL.photos().resolve("faults"));
        Map<String, String> shaByName = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            Path file = LocalStackFixture.paddedJpeg(folder.resolve("f" + i + ".jpg"), 25_000 + i, 900 + i);
            shaByName.put(file.getFileName().toString(), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        }
        String proxied = "http://127.0.0.1:" + proxy.getLocalPort();
        LocalCredentials admin = LocalStack.adminCredentials(LOCAL.dataDir()).orElseThrow();
        assertThat(run(null, "configure", "--profile", "faulty", "--api-url", proxied).code()).isEqualTo(ExitCodes.OK);
        // login goes through the proxy for GET /config, so it may meet faults too; it must end logged in
        Result login = run(admin.password() + "\n", "login", "--profile", "faulty", "--username", admin.username(),
                "--password-stdin");
        assertThat(login.code()).as(login.toString()).isEqualTo(ExitCodes.OK);

        Result upload = run(null, "upload", folder.toString(), "--album", "faults", "--profile", "faulty",
                "--output", "json", "--quiet");
        assertThat(upload.code()).as(upload.toString()).isIn(ExitCodes.OK, ExitCodes.PARTIAL);
        JsonNode report = Json.mapper().readTree(upload.out());
        assertThat(report.path("files")).as(upload.toString()).hasSize(shaByName.size());
        assertThat(met.keySet()).as("faults met: %s", met).contains(Fault.RESET, Fault.STATUS_503);

        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(60))).isTrue();
        Map<String, JsonNode> stored = storedByName("faults");
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

    private Map<String, JsonNode> storedByName(String album) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(LOCAL.dataDir()).orElseThrow();
        HttpClient http = HttpClient.newHttpClient();
        String body = Json.mapper().createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", LOCAL.stack().clientId()).set("AuthParameters", Json.mapper().createObjectNode()
                        .put("USERNAME", admin.username()).put("PASSWORD", admin.password())).toString();
        String token = Json.mapper().readTree(http.send(HttpRequest.newBuilder(LOCAL.stack().endpoints().cognito())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body())
                .at("/AuthenticationResult/AccessToken").asText();
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(LOCAL.stack().endpoints().api().resolve(
                "/photos?limit=1000&album=" + URLEncoder.encode(album, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, JsonNode> byName = new HashMap<>();
        Json.mapper().readTree(listed.body()).path("photos").forEach(p -> {
            assertThat(byName.put(p.path("fileName").asText(), p)).as("stored once: %s", p).isNull();
        });
        return byName;
    }

    /** Accepts connections for the API, each meeting the next fault of {@link #CYCLE}. */
    private void startProxy(URI api, AtomicInteger connections, Map<Fault, AtomicInteger> met) throws IOException {
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(() -> {
            while (!proxy.isClosed()) {
                Socket client;
                try {
                    client = proxy.accept();
                } catch (IOException e) {
                    return;
                }
                Fault fault = CYCLE[connections.getAndIncrement() % CYCLE.length];
                met.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
                pool.submit(() -> handle(client, fault, api));
            }
        });
    }

    private void handle(Socket client, Fault fault, URI api) {
        try (client) {
            client.setSoTimeout(30_000);
            switch (fault) {
                case RESET -> client.setSoLinger(true, 0); // close sends RST
                case STATUS_500, STATUS_503 -> {
                    readHead(client.getInputStream());
                    String status = fault == Fault.STATUS_500 ? "500 Internal Server Error" : "503 Service Unavailable";
                    client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                }
                case SLOW, PASS, TRUNCATE -> {
                    if (fault == Fault.SLOW) {
                        Thread.sleep(2_000);
                    }
                    try (Socket server = new Socket(api.getHost(), api.getPort())) {
                        pool.submit(() -> pipe(client, server, Long.MAX_VALUE));
                        // a cut answer: the first 40 bytes of it (inside the head), then the connection closes
                        pipe(server, client, fault == Fault.TRUNCATE ? 40 : Long.MAX_VALUE);
                    }
                }
                default -> throw new IllegalStateException(fault.name());
            }
        } catch (IOException e) {
            // the client or the server closed: the connection ends, as a real network's would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void pipe(Socket from, Socket to, long limit) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            long sent = 0;
            int n;
            while (sent < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent))) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Result run(String stdin, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "dev.photo.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PHOTO_CONFIG_DIR", LOCAL.configDir().toString());
        builder.environment().put("PHOTO_STATE_DIR", LOCAL.stateDir().toString());
        builder.environment().remove("PHOTO_PROFILE");
        Path out = Files.createTempFile("fault-out", ".txt");
        Path err = Files.createTempFile("fault-err", ".txt");
        try {
            Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("photo %s ends", String.join(" ", args)).isTrue();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
