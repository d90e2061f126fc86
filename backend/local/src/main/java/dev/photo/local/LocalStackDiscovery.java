package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the stack that {@code photo local serve} runs for a data directory, and the admin login kept there, without
 * loading {@link LocalStack} and the parts it starts: every command on the local profile does this first.
 */
public final class LocalStackDiscovery {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("username", "password");

    private LocalStackDiscovery() {
    }

    /**
     * The endpoints of a stack published by another process with this data directory, if its process is alive and
     * its API answers {@code GET /config} within a second. A file left by a process that has died is removed.
     */
    public static Optional<LocalEndpoints> findRunning(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Optional<PublishedServer> found = PublishedServer.read(dir);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PublishedServer server = found.get();
        boolean alive = ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            server.unpublish(dir);
            return Optional.empty();
        }
        return answers(server, LocalSettings.loadOrCreate(dir).clientId())
                ? Optional.of(server.endpoints()) : Optional.empty();
    }

    /** The admin user's credentials as stored in a data directory (made on the stack's first start). */
    public static Optional<LocalCredentials> adminCredentials(Path dataDir) {
        Path file = dataDir.resolve(LocalStack.ADMIN_CREDENTIALS_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(credentials(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LocalStack.ADMIN_CREDENTIALS_FILE, e);
        }
    }

    static LocalCredentials credentials(byte[] json) throws IOException {
        JsonNode node = JsonFiles.object(json, CREDENTIAL_FIELDS);
        return new LocalCredentials(JsonFiles.text(node, "username"), JsonFiles.text(node, "password"));
    }

    /**
     * Whether the published API answers as the stack of this data directory: a pid reused after a crash and a port
     * taken by somebody else's server must not receive the admin password, so the client id must match too.
     */
    private static boolean answers(PublishedServer server, String clientId) {
        // HttpURLConnection, not java.net.http.HttpClient: this probe runs at the start of every CLI command, and
        // the latter costs a command about half a second
        try {
            HttpURLConnection probe = (HttpURLConnection) server.api().resolve("/config").toURL().openConnection();
            probe.setConnectTimeout((int) PROBE_TIMEOUT.toMillis());
            probe.setReadTimeout((int) PROBE_TIMEOUT.toMillis());
            probe.setInstanceFollowRedirects(false);
            if (probe.getResponseCode() != 200) {
                return false;
            }
            try (InputStream body = probe.getInputStream()) {
                return clientId.equals(JsonFiles.tree(body).path("clientId").asText());
            }
        } catch (IOException e) {
            return false;
        }
    }
}
