package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.local.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.time.Duration;

import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a restart of the local stack does with unfinished uploads and with clients part-way through a listing: a
 * PENDING photo whose original is stored is processed, however old, and never expired with its bytes left behind;
 * one whose bytes never arrived expires after two days; a cursor issued before the restart still pages.
 */
class PendingSweepTest {

    @TempDir
    Path dataDir;

    @Test
    void an_old_pending_photo_whose_original_is_stored_is_processed_and_one_never_sent_expires() throws Exception {
        byte[] stored = jpeg(320, 240, Color.GREEN);
        byte[] neverSent = jpeg(321, 240, Color.ORANGE);
        String storedId;
        String neverSentId;
        try (LocalStack first = LocalStack.start(LocalStackOptions.ephemeral(dataDir), eventsDropped())) {
            StackClient client = new StackClient(first.endpoints());
            String token = adminToken(client, first);
            JsonNode a = client.presign(token, "sweep", "stored.jpg", stored);
            storedId = a.get("photoId").asText();
            assertThat(put(a.get("upload"), stored)).isEqualTo(200);
            neverSentId = client.presign(token, "sweep", "never-sent.jpg", neverSent).get("photoId").asText();
        }
        // both records are now older than the two days a PENDING upload may wait
        try (Database db = Database.open(dataDir.resolve(LocalStack.DATABASE_FILE))) {
            int aged = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE photos SET uploaded_at = '2020-01-01T00:00:00.000000000Z' WHERE status = 'PENDING'")) {
                    return ps.executeUpdate();
                }
            });
            assertThat(aged).isEqualTo(2);
        }

        try (LocalStack next = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            StackClient client = new StackClient(next.endpoints());
            String token = adminToken(client, next);
            assertThat(next.awaitIdle(Duration.ofSeconds(30))).isTrue();

            JsonNode detail = ok(client.api(token, "GET", "/photos/" + storedId, null));
            assertThat(detail.at("/photo/status").asText()).isEqualTo("READY");
            assertThat(client.api(token, "GET", "/photos/" + neverSentId, null).statusCode())
                    .as("the upload whose bytes never arrived expired").isEqualTo(404);
            assertThat(client.presign(token, "sweep", "never-sent.jpg", neverSent).get("status").asText())
                    .as("and the same file can be uploaded again").isEqualTo("upload");
        }
    }

    @Test
    void a_cursor_issued_before_a_restart_still_pages_after_it() throws Exception {
        String cursor;
        String firstPage;
        try (LocalStack first = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            StackClient client = new StackClient(first.endpoints());
            String token = adminToken(client, first);
            for (int i = 0; i < 3; i++) {
                client.presign(token, "pages", "p" + i + ".jpg", jpeg(200 + i, 100, Color.GRAY));
            }
            JsonNode page = ok(client.api(token, "GET", "/photos?limit=1", null));
            firstPage = page.at("/photos/0/photoId").asText();
            cursor = page.get("nextCursor").asText();
        }

        try (LocalStack next = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            StackClient client = new StackClient(next.endpoints());
            String token = adminToken(client, next);
            JsonNode page = ok(client.api(token, "GET", "/photos?limit=1&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8), null));
            assertThat(page.get("photos")).hasSize(1);
            assertThat(page.at("/photos/0/photoId").asText()).isNotEqualTo(firstPage);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve(LocalStack.CURSOR_KEY_FILE)))).isEqualTo("rw-------");
    }

    /** The real API; a processor that never gets to run, like events dropped when the stack is killed. */
    private static BackendFunctions eventsDropped() {
        return BackendFunctions.of(BackendFunctions.real()::api,
                (config, photos, objects, admin) -> (input, output, context) -> input.readAllBytes());
    }

    private static String adminToken(StackClient client, LocalStack stack) throws Exception {
        LocalCredentials admin = LocalStack.adminCredentials(stack.dataDir()).orElseThrow();
        return client.login(admin.username(), admin.password());
    }
}
