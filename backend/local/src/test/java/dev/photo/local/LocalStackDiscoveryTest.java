package dev.photo.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack's own files, read as trees, say what the records they were written from said, and no more. */
class LocalStackDiscoveryTest {

    @TempDir
    Path dir;

    private final LocalEndpoints endpoints = new LocalEndpoints(URI.create("http://127.0.0.1:9000"),
            URI.create("http://127.0.0.1:9001/"), URI.create("http://127.0.0.1:9002"), "photos", "local", "AKLOCAL1",
            "secret");

    @Test
    void a_published_server_reads_back_as_it_was_written() {
        PublishedServer written = PublishedServer.of(4242, endpoints);
        written.write(dir);

        assertThat(PublishedServer.read(dir)).contains(written);
        assertThat(PublishedServer.read(dir).orElseThrow().endpoints()).isEqualTo(endpoints);
    }

    @Test
    void a_server_file_with_a_field_of_no_server_of_ours_is_not_taken_for_one() throws Exception {
        Files.writeString(dir.resolve(PublishedServer.FILE), "{\"pid\": 1, \"api\": \"http://127.0.0.1:9000\","
                + " \"port\": 9000}");
        assertThat(PublishedServer.read(dir)).isEmpty();

        Files.writeString(dir.resolve(PublishedServer.FILE), "[1, 2]");
        assertThat(PublishedServer.read(dir)).isEmpty();

        Files.writeString(dir.resolve(PublishedServer.FILE), "{\"pid\": 1, \"api\": \"not a uri\"}");
        assertThat(PublishedServer.read(dir)).isEmpty();
    }

    @Test
    void settings_and_admin_credentials_read_back_as_written_and_refuse_unknown_fields() throws Exception {
        LocalSettings created = LocalSettings.loadOrCreate(dir);
        assertThat(LocalSettings.loadOrCreate(dir)).isEqualTo(created);
        assertThat(created.clientId()).hasSize(26);

        Files.writeString(dir.resolve(LocalStack.ADMIN_CREDENTIALS_FILE),
                "{\"username\": \"admin\", \"password\": \"pw\"}", StandardCharsets.UTF_8);
        assertThat(LocalStackDiscovery.adminCredentials(dir)).contains(new LocalCredentials("admin", "pw"));

        Files.writeString(dir.resolve(LocalStack.ADMIN_CREDENTIALS_FILE),
                "{\"username\": \"admin\", \"password\": \"pw\", \"role\": \"root\"}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LocalStackDiscovery.adminCredentials(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(LocalStack.ADMIN_CREDENTIALS_FILE);
        Files.writeString(dir.resolve(LocalSettings.FILE), "{\"clientId\": \"x\", \"extra\": 1}");
        assertThatThrownBy(() -> LocalSettings.loadOrCreate(dir)).isInstanceOf(UncheckedIOException.class);
    }
}
