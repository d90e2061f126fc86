package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoIds;
import dev.photo.backend.fakes.AdminFakes;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.contract.PhotoStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /photos/{id}/move}, {@code POST /albums/{name}/rename}, the filters of {@code GET /photos}, delete. */
class PhotoLifecycleRoutesTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BackendConfig CONFIG = BackendConfig.of("eu-west-1", "bucket", "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/"));

    private InMemoryPhotoRepository repo;
    private InMemoryObjectStore store;
    private ApiHandler handler;
    private int n;

    @BeforeEach
    void setUp() {
        repo = new InMemoryPhotoRepository();
        store = new InMemoryObjectStore();
        handler = new ApiHandler(CONFIG, repo, store, new NoMultipartUploads(), AdminFakes.ports(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JsonNode call(String owner, String method, String path, Map<String, String> query, String body,
                          int expectedStatus) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.as(owner, method, path, query, body),
                null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        return response.getBody() == null ? null : JSON.readTree(response.getBody());
    }

    private String error(String owner, String method, String path, Map<String, String> query, String body)
            throws Exception {
        JsonNode answer = call(owner, method, path, query, body, 400);
        return answer.at("/error/code").asText() + ": " + answer.at("/error/message").asText();
    }

    private Photo stored(String owner, String album, Instant takenAt) {
        n++;
        String id = new PhotoIds(Clock.fixed(NOW.plusSeconds(n), ZoneOffset.UTC)).next();
        Photo p = Photo.pending(owner, id, album, "f" + n + ".jpg", "image/jpeg", 100 + n,
                String.format("%064x", n), NOW.plusSeconds(n));
        repo.put(p);
        if (takenAt != null) {
            Photo ready = p.ready("image/jpeg", 40, 30, takenAt, null, List.of(256, 1024), NOW.plusSeconds(n));
            repo.update(ready, PhotoStatus.PENDING);
            p = ready;
        }
        store.putBytes(p.originalKey(), new byte[] {1}, "image/jpeg");
        return p;
    }

    @Test
    void moving_a_photo_changes_its_album_and_not_its_object_keys() throws Exception {
        Photo p = stored(ALICE, "trip", Instant.parse("2024-07-01T09:00:00Z"));
        Set<String> keysBefore = Set.copyOf(store.keys());

        JsonNode moved = call(ALICE, "POST", "/photos/" + p.photoId() + "/move", null, "{\"album\":\"home 2024\"}", 200);

        assertThat(moved.get("photoId").asText()).isEqualTo(p.photoId());
        assertThat(moved.get("album").asText()).isEqualTo("home 2024");
        assertThat(repo.get(ALICE, p.photoId()).orElseThrow().album()).isEqualTo("home 2024");
        assertThat(store.keys()).isEqualTo(keysBefore).contains(Keys.original(ALICE, p.photoId()))
                .noneMatch(k -> k.contains("home"));
    }

    @Test
    void a_move_needs_a_valid_album_and_one_of_the_callers_photos() throws Exception {
        Photo bobs = stored(BOB, "trip", null);
        Photo mine = stored(ALICE, "trip", null);

        assertThat(error(ALICE, "POST", "/photos/" + mine.photoId() + "/move", null, "{\"album\":\"../x\"}"))
                .startsWith("invalid_album");
        assertThat(error(ALICE, "POST", "/photos/" + mine.photoId() + "/move", null, "{}"))
                .isEqualTo("invalid_request: \"album\" is required");
        assertThat(error(ALICE, "POST", "/photos/" + mine.photoId() + "/move", null, "{\"album\":7}"))
                .startsWith("invalid_request");
        call(ALICE, "POST", "/photos/" + bobs.photoId() + "/move", null, "{\"album\":\"mine\"}", 404);
        call(ALICE, "POST", "/photos/not-an-id/move", null, "{\"album\":\"mine\"}", 404);

        assertThat(repo.get(BOB, bobs.photoId()).orElseThrow().album()).isEqualTo("trip");
        assertThat(repo.get(ALICE, mine.photoId()).orElseThrow().album()).isEqualTo("trip");
    }

    @Test
    void renaming_an_album_moves_the_callers_photos_only_and_takes_an_encoded_name() throws Exception {
        stored(ALICE, "2024 trip", Instant.parse("2024-07-01T09:00:00Z"));
        stored(ALICE, "2024 trip", null);
        Photo bobs = stored(BOB, "2024 trip", null);

        JsonNode step = call(ALICE, "POST", "/albums/2024%20trip/rename", null, "{\"to\":\"summer\"}", 200);

        assertThat(step.toString()).isEqualTo("{\"from\":\"2024 trip\",\"to\":\"summer\",\"moved\":2,\"done\":true}");
        assertThat(repo.list(ALICE, "summer", 10, null).items()).hasSize(2);
        assertThat(repo.list(ALICE, "2024 trip", 10, null).items()).isEmpty();
        assertThat(repo.get(BOB, bobs.photoId()).orElseThrow().album()).isEqualTo("2024 trip");

        // nothing is left under the old name: a rerun after the rename finished, or a name the caller never used
        assertThat(call(ALICE, "POST", "/albums/2024%20trip/rename", null, "{\"to\":\"summer\"}", 404)
                .at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void a_rename_refuses_bad_names_and_a_rename_onto_itself() throws Exception {
        stored(ALICE, "trip", null);

        assertThat(error(ALICE, "POST", "/albums/trip/rename", null, "{\"to\":\"trip\"}"))
                .isEqualTo("invalid_request: the new name is the album's own name");
        assertThat(error(ALICE, "POST", "/albums/trip/rename", null, "{\"to\":\" spaced\"}"))
                .startsWith("invalid_album");
        assertThat(error(ALICE, "POST", "/albums/trip/rename", null, "{}")).isEqualTo(
                "invalid_request: \"to\" is required");
        assertThat(error(ALICE, "POST", "/albums/%ZZ/rename", null, "{\"to\":\"x\"}")).startsWith("invalid_album");
        assertThat(error(ALICE, "POST", "/albums/a%2Fb/rename", null, "{\"to\":\"x\"}")).startsWith("invalid_album");
        assertThat(repo.list(ALICE, "trip", 10, null).items()).hasSize(1);
    }

    @Test
    void the_listing_filters_by_status_and_time_on_the_server() throws Exception {
        Photo old = stored(ALICE, "trip", Instant.parse("2020-01-01T00:00:00Z"));
        Photo recent = stored(ALICE, "trip", Instant.parse("2024-07-01T09:00:00Z"));
        Photo pending = stored(ALICE, "trip", null);

        JsonNode ready = call(ALICE, "GET", "/photos", Map.of("status", "READY"), null, 200);
        JsonNode july = call(ALICE, "GET", "/photos", Map.of("since", "2024-07-01", "until", "2024-07-01"), null,
                200);
        JsonNode before = call(ALICE, "GET", "/photos", Map.of("until", "2021-01-01T00:00:00+01:00"), null, 200);
        JsonNode uploaded = call(ALICE, "GET", "/photos", Map.of("since", pending.uploadedAt().toString(),
                "by", "uploaded"), null, 200);

        assertThat(ready.get("photos")).extracting(p -> p.get("photoId").asText())
                .containsExactly(recent.photoId(), old.photoId());
        assertThat(july.get("photos")).extracting(p -> p.get("photoId").asText()).containsExactly(recent.photoId());
        assertThat(before.get("photos")).extracting(p -> p.get("photoId").asText()).containsExactly(old.photoId());
        assertThat(uploaded.get("photos")).extracting(p -> p.get("photoId").asText())
                .containsExactly(pending.photoId());
    }

    @Test
    void a_bad_filter_is_a_400_that_names_its_parameter() throws Exception {
        assertThat(error(ALICE, "GET", "/photos", Map.of("status", "ready"), null))
                .isEqualTo("invalid_request: status must be one of [PENDING, READY, REJECTED]");
        assertThat(error(ALICE, "GET", "/photos", Map.of("since", "yesterday"), null))
                .startsWith("invalid_request: since must be");
        assertThat(error(ALICE, "GET", "/photos", Map.of("until", "2024-13-01"), null))
                .startsWith("invalid_request: until must be");
        assertThat(error(ALICE, "GET", "/photos", Map.of("since", "2024-02-01", "until", "2024-01-01"), null))
                .isEqualTo("invalid_request: since must be before until");
        assertThat(error(ALICE, "GET", "/photos", Map.of("by", "processed"), null))
                .isEqualTo("invalid_request: by must be taken or uploaded");
        assertThat(error(ALICE, "GET", "/photos", Map.of("colour", "red"), null))
                .startsWith("invalid_request: unknown query parameter \"colour\"");
        assertThat(error(ALICE, "GET", "/photos", Map.of("limit", "0"), null)).startsWith("invalid_limit");
    }

    @Test
    void delete_removes_the_original_and_every_thumbnail_the_record_names() throws Exception {
        Photo p = stored(ALICE, "trip", Instant.parse("2024-07-01T09:00:00Z"));
        for (int size : List.of(256, 1024)) {
            store.putBytes(Keys.thumbnail(ALICE, p.photoId(), size), new byte[] {2}, "image/jpeg");
        }
        Photo other = stored(ALICE, "trip", null);

        call(ALICE, "DELETE", "/photos/" + p.photoId(), null, null, 204);

        assertThat(store.keys()).containsExactly(Keys.original(ALICE, other.photoId()));
        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        call(ALICE, "DELETE", "/photos/" + p.photoId(), null, null, 404);
    }
}
