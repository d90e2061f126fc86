package dev.photo.cli.command;

import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.backend.BackendSession;
import dev.photo.cli.client.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command asks of its backend session and in which order: only a command that sent photos waits for the
 * backend's processing (the in-process stack may take minutes); every command closes its session once.
 */
class BackendLifecycleTest extends FakeBackendTestBase {

    @TempDir
    Path photos;

    private final List<String> calls = new ArrayList<>();

    @BeforeEach
    void recordSessionCalls() {
        photo = new PhotoCli(photo.context().withConnector((profile, dir, err) -> new BackendSession() {
            @Override
            public URI apiUrl() {
                return backend.baseUrl();
            }

            @Override
            public Optional<Credentials> autoLogin() {
                return Optional.of(new Credentials(FakeBackend.USERNAME, FakeBackend.PASSWORD));
            }

            @Override
            public void awaitIdle(PrintWriter out) {
                calls.add("awaitIdle");
            }

            @Override
            public void close() {
                calls.add("close");
            }
        }));
        backend.stubGet("/photos?limit=100", "{\"photos\": [], \"nextCursor\": null}");
        backend.stubGet("/albums", "{\"albums\": []}");
    }

    @Test
    void reading_commands_never_wait_for_processing() {
        photo.runAndEnsureExitCodeOk("list");
        photo.runAndEnsureExitCodeOk("albums");

        assertThat(calls).containsExactly("close", "close");
    }

    @Test
    void an_upload_that_sent_nothing_does_not_wait() throws Exception {
        Path duplicate = Files.writeString(photos.resolve("dup-1.jpg"), "stored before");

        photo.runAndEnsureExitCodeOk("upload", duplicate.toString(), "--album", "trip");
        photo.runAndEnsureExitCodeOk("upload", duplicate.toString(), "--album", "trip", "--dry-run");

        assertThat(calls).containsExactly("close", "close");
    }

    @Test
    void an_upload_that_sent_photos_waits_once_then_closes() throws Exception {
        Path fresh = Files.writeString(photos.resolve("IMG_1.jpg"), "new photo");

        photo.runAndEnsureExitCodeOk("upload", fresh.toString(), "--album", "trip");

        assertThat(calls).containsExactly("awaitIdle", "close");
    }
}
