package dev.photo.backend.handler;

import dev.photo.backend.fakes.InMemoryReprocessJobs;
import dev.photo.contract.PhotoStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.backend.samples.SampleGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorHandlerTest {

    private static final String OWNER = "user-1";
    private static final String FIRST = "0193a1b2-0000-7000-8000-000000000001";
    private static final String SECOND = "0193a1b2-0000-7000-8000-000000000002";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:05Z");

    private final InMemoryPhotoRepository photos = new InMemoryPhotoRepository();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final ProcessorHandler handler = new ProcessorHandler(
            BackendConfig.of("local", "photo-test", "pool", "client", URI.create("http://127.0.0.1:1/")),
            photos, objects, new InMemoryReprocessJobs(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void processes_an_object_created_event_with_a_null_context() throws Exception {
        upload(FIRST, SampleGenerator.jpeg(400, 300, 6));

        handler.handleRequest(fixture("object-created.json"), OutputStream.nullOutputStream(), null);

        Photo photo = photos.get(OWNER, FIRST).orElseThrow();
        assertThat(photo.status()).isEqualTo(PhotoStatus.READY);
        assertThat(photo.width()).isLessThan(photo.height());
        assertThat(objects.keys()).contains(Keys.thumbnail(OWNER, FIRST, 256), Keys.thumbnail(OWNER, FIRST, 1024));
    }

    @Test
    void url_encoded_keys_in_events_are_decoded() throws Exception {
        upload(FIRST, SampleGenerator.jpeg(200, 100, 0));

        handler.handleRequest(fixture("object-created-url-encoded.json"), OutputStream.nullOutputStream(), null);

        assertThat(photos.get(OWNER, FIRST).orElseThrow().status()).isEqualTo(PhotoStatus.READY);
    }

    @Test
    void decodes_form_encoding_as_s3_writes_it() {
        assertThat(ProcessorHandler.decodeKey("uploads/my+holiday+photo%C3%A9%2B1.jpg"))
                .isEqualTo("uploads/my holiday photoé+1.jpg");
        assertThat(ProcessorHandler.decodeKey("originals/user-1/abc")).isEqualTo("originals/user-1/abc");
    }

    @Test
    void one_bad_record_does_not_stop_the_others_and_the_failure_is_rethrown() throws Exception {
        upload(FIRST, SampleGenerator.jpeg(200, 100, 0));
        upload(SECOND, SampleGenerator.jpeg(300, 100, 0));
        objects.failOn(Keys.original(OWNER, FIRST));

        assertThatThrownBy(() -> handler.handleRequest(fixture("two-records.json"), OutputStream.nullOutputStream(),
                null)).isInstanceOf(ObjectStoreException.class);

        assertThat(photos.get(OWNER, FIRST).orElseThrow().status()).isEqualTo(PhotoStatus.PENDING);
        assertThat(photos.get(OWNER, SECOND).orElseThrow().status()).isEqualTo(PhotoStatus.READY);
    }

    @Test
    void the_same_event_twice_gives_the_same_result() throws Exception {
        upload(FIRST, SampleGenerator.jpeg(500, 400, 3));

        handler.handleRequest(fixture("object-created.json"), OutputStream.nullOutputStream(), null);
        Photo first = photos.get(OWNER, FIRST).orElseThrow();
        byte[] thumbnail = objects.get(Keys.thumbnail(OWNER, FIRST, 256)).orElseThrow().bytes();
        handler.handleRequest(fixture("object-created.json"), OutputStream.nullOutputStream(), null);

        assertThat(photos.get(OWNER, FIRST)).contains(first);
        assertThat(objects.get(Keys.thumbnail(OWNER, FIRST, 256)).orElseThrow().bytes()).isEqualTo(thumbnail);
    }

    @Test
    void non_image_is_rejected_through_the_handler() throws Exception {
        upload(FIRST, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8));

        handler.handleRequest(fixture("object-created.json"), OutputStream.nullOutputStream(), null);

        assertThat(photos.get(OWNER, FIRST).orElseThrow().status()).isEqualTo(PhotoStatus.REJECTED);
        assertThat(objects.keys()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"object-removed.json", "s3-test-event.json"})
    void other_events_change_nothing(String name) throws Exception {
        upload(FIRST, SampleGenerator.jpeg(200, 100, 0));

        handler.handleRequest(fixture(name), OutputStream.nullOutputStream(), null);

        assertThat(photos.get(OWNER, FIRST).orElseThrow().status()).isEqualTo(PhotoStatus.PENDING);
        assertThat(objects.keys()).containsExactly(Keys.original(OWNER, FIRST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"object-created.json", "object-created-url-encoded.json", "two-records.json"})
    void fixtures_have_the_shape_s3_sends(String name) throws Exception {
        JsonNode records = new ObjectMapper().readTree(fixture(name)).path("Records");

        assertThat(records.size()).isPositive();
        for (JsonNode record : records) {
            assertThat(record.path("eventVersion").asText()).isEqualTo("2.1");
            assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(record.path("eventName").asText()).startsWith("ObjectCreated:");
            assertThat(record.has("awsRegion") && record.has("eventTime") && record.has("userIdentity")
                    && record.has("requestParameters") && record.has("responseElements")).isTrue();
            JsonNode s3 = record.path("s3");
            assertThat(s3.path("s3SchemaVersion").asText()).isEqualTo("1.0");
            assertThat(s3.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::photo-test");
            assertThat(s3.path("object").has("size") && s3.path("object").has("eTag")
                    && s3.path("object").has("sequencer")).isTrue();
        }
    }

    @Test
    void malformed_json_fails_loudly() {
        assertThatThrownBy(() -> handler.handleRequest(
                new ByteArrayInputStream("{not json".getBytes(StandardCharsets.UTF_8)),
                OutputStream.nullOutputStream(), null)).isInstanceOf(IOException.class);
    }

    private void upload(String photoId, byte[] bytes) {
        photos.put(Photo.pending(OWNER, photoId, "trip", photoId + ".jpg", "image/jpeg", bytes.length,
                Sha256.hex(bytes), NOW.minusSeconds(5)));
        objects.putBytes(Keys.original(OWNER, photoId), bytes, "image/jpeg");
    }

    private static InputStream fixture(String name) {
        InputStream in = ProcessorHandlerTest.class.getResourceAsStream("/events/" + name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
