package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoIds;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.InMemoryReprocessJobs;
import dev.photo.backend.fakes.InMemoryUserDirectory;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.backend.fakes.RecordingReprocessQueue;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.AdminPorts;
import dev.photo.backend.samples.SampleGenerator;
import dev.photo.contract.PhotoStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin routes against fakes, with the real processor handler draining the reprocess queue. */
class AdminApiTest {

    private static final String ADMIN = "aaaaaaaa-1111-4111-8111-111111111111";
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BackendConfig config = BackendConfig.of("eu-west-1", "bucket", "eu-west-1_example", "photo-cli",
            URI.create("http://127.0.0.1:1/"));
    private final InMemoryPhotoRepository repo = new InMemoryPhotoRepository();
    private final InMemoryObjectStore store = new InMemoryObjectStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final InMemoryReprocessJobs jobs = new InMemoryReprocessJobs();
    private final ProcessorHandler processor = new ProcessorHandler(config, repo, store, jobs,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final RecordingReprocessQueue queue = new RecordingReprocessQueue().deliverTo(batch -> {
        try {
            processor.handleRequest(new ByteArrayInputStream(ReprocessPayload.encode(batch)),
                    OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });
    private ApiHandler handler;
    private long tick;

    @BeforeEach
    void setUp() {
        users.add("chief", ADMIN, List.of("admins"));
        users.add("alice", ALICE, List.of());
        users.add("bob", BOB, List.of());
        handler = new ApiHandler(config, repo, store, new NoMultipartUploads(), new AdminPorts(users, jobs, queue),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_non_admin_is_refused_every_admin_route_and_nothing_changes() {
        Photo photo = ready(ALICE, "trip");
        Set<String> before = new HashSet<>(store.keys());
        List<Route> adminRoutes = handler.routes().stream().filter(r -> r.access() == Access.ADMIN).toList();
        assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(10);

        for (Route route : adminRoutes) {
            String path = route.pattern().replace("{jobId}", "00000000-0000-4000-8000-000000000000")
                    .replace("{username}", "bob");
            APIGatewayV2HTTPResponse response = handler.handleRequest(event(ALICE, null, route.method(), path,
                    null, "{\"all\":true,\"username\":\"eve\",\"temporaryPassword\":\"Temporary-1\"}"), null);
            assertThat(response.getStatusCode()).as(route.toString()).isEqualTo(403);
            assertThat(body(response).path("error").path("code").asText()).isEqualTo("forbidden");
        }
        assertThat(queue.sent()).isEmpty();
        assertThat(users.find("eve")).isEmpty();
        assertThat(users.find("bob").orElseThrow().enabled()).isTrue();
        assertThat(users.find("bob").orElseThrow().groups()).isEmpty();
        assertThat(store.keys()).isEqualTo(before);
        assertThat(repo.get(ALICE, photo.photoId())).contains(photo);
    }

    @Test
    void refuses_a_reprocess_without_a_selector() {
        JsonNode body = call("POST", "/admin/reprocess", "{}", 400);

        assertThat(body.path("error").path("code").asText()).isEqualTo("invalid_selector");
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void refuses_all_together_with_another_selector_and_an_unknown_status() {
        assertThat(call("POST", "/admin/reprocess", "{\"all\":true,\"album\":\"trip\"}", 400)
                .path("error").path("code").asText()).isEqualTo("invalid_selector");
        assertThat(call("POST", "/admin/reprocess", "{\"status\":\"FAILED\"}", 400)
                .path("error").path("message").asText()).contains("READY");
        assertThat(call("POST", "/admin/reprocess", "{\"ids\":[\"../x\"]}", 400)
                .path("error").path("code").asText()).isEqualTo("invalid_selector");
    }

    @Test
    void a_dry_run_counts_and_queues_nothing() {
        ready(ALICE, "trip");
        ready(BOB, "trip");
        ready(BOB, "home");

        JsonNode body = call("POST", "/admin/reprocess", "{\"album\":\"trip\",\"dryRun\":true}", 200);

        assertThat(body.path("matched").asLong()).isEqualTo(2);
        assertThat(body.path("dryRun").asBoolean()).isTrue();
        assertThat(body.path("jobId").isNull()).isTrue();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void missing_thumbnails_are_found_in_the_bucket_and_made_again() {
        Photo whole = ready(ALICE, "trip");
        Photo broken = ready(BOB, "trip");
        String lost = Keys.thumbnail(BOB, broken.photoId(), 256);
        store.delete(lost);

        JsonNode queued = call("POST", "/admin/reprocess", "{\"missingThumbnails\":true}", 202);

        assertThat(queued.path("matched").asLong()).isEqualTo(1);
        assertThat(queued.path("queued").asLong()).isEqualTo(1);
        assertThat(queue.sent()).hasSize(1);
        assertThat(queue.sent().get(0).photos().get(0).photoId()).isEqualTo(broken.photoId());
        assertThat(store.keys()).contains(lost);
        JsonNode job = call("GET", "/admin/reprocess/" + queued.path("jobId").asText(), null, 200);
        assertThat(job.path("done").asLong()).isEqualTo(1);
        assertThat(job.path("failed").asLong()).isZero();
        assertThat(job.path("pending").asLong()).isZero();
        assertThat(job.path("finished").asBoolean()).isTrue();
        assertThat(repo.get(ALICE, whole.photoId())).contains(whole);
    }

    @Test
    void a_photo_whose_original_is_gone_is_reported_and_the_others_still_processed() {
        Photo kept = ready(ALICE, "trip");
        Photo gone = ready(ALICE, "trip");
        store.delete(gone.originalKey());

        JsonNode queued = call("POST", "/admin/reprocess", "{\"owner\":\"alice\"}", 202);
        JsonNode job = call("GET", "/admin/reprocess/" + queued.path("jobId").asText(), null, 200);

        assertThat(job.path("matched").asLong()).isEqualTo(2);
        assertThat(job.path("done").asLong()).isEqualTo(1);
        assertThat(job.path("failed").asLong()).isEqualTo(1);
        assertThat(job.path("failures").get(0).path("photoId").asText()).isEqualTo(gone.photoId());
        assertThat(job.path("failures").get(0).path("reason").asText()).isEqualTo(ProcessorHandler.ORIGINAL_GONE);
        assertThat(repo.get(ALICE, kept.photoId()).orElseThrow().status()).isEqualTo(PhotoStatus.READY);
    }

    @Test
    void reprocessing_twice_ends_in_the_same_records_and_objects() {
        Photo photo = ready(ALICE, "trip");
        call("POST", "/admin/reprocess", "{\"ids\":[\"" + photo.photoId() + "\"]}", 202);
        Photo once = repo.get(ALICE, photo.photoId()).orElseThrow();
        Set<String> keys = Set.copyOf(store.keys());

        call("POST", "/admin/reprocess", "{\"ids\":[\"" + photo.photoId() + "\"]}", 202);

        assertThat(repo.get(ALICE, photo.photoId())).contains(once);
        assertThat(store.keys()).isEqualTo(keys);
    }

    @Test
    void work_is_queued_in_bounded_batches_and_a_refused_batch_counts_as_failed() {
        for (int i = 0; i < 45; i++) {
            pendingOnly(ALICE, i);
        }
        queue.deliverTo(batch -> { }).refuseFrom(2);

        JsonNode queued = call("POST", "/admin/reprocess", "{\"status\":\"PENDING\"}", 202);

        assertThat(queue.sent()).hasSize(2);
        assertThat(queue.sent()).allSatisfy(b -> assertThat(b.photos()).hasSizeLessThanOrEqualTo(20));
        JsonNode job = call("GET", "/admin/reprocess/" + queued.path("jobId").asText(), null, 200);
        assertThat(job.path("queued").asLong()).isEqualTo(45);
        assertThat(job.path("failed").asLong()).isEqualTo(5);
        assertThat(job.path("pending").asLong()).isEqualTo(40);
        assertThat(job.path("finished").asBoolean()).isFalse();
    }

    @Test
    void an_unknown_job_is_404() {
        assertThat(call("GET", "/admin/reprocess/00000000-0000-4000-8000-000000000000", null, 404)
                .path("error").path("code").asText()).isEqualTo("not_found");
        call("GET", "/admin/reprocess/not-a-job", null, 404);
    }

    @Test
    void stats_count_overall_and_per_user_with_names() {
        ready(ALICE, "trip");
        ready(ALICE, "trip");
        ready(BOB, "trip");

        JsonNode stats = call("GET", "/admin/stats", null, 200);

        assertThat(stats.path("photos").asLong()).isEqualTo(3);
        assertThat(stats.path("byStatus").path("READY").asLong()).isEqualTo(3);
        assertThat(stats.path("byStatus").path("REJECTED").asLong()).isZero();
        assertThat(stats.path("users")).hasSize(2);
        assertThat(stats.path("users").get(0).path("username").asText()).isEqualTo("alice");
        assertThat(stats.path("users").get(0).path("photos").asLong()).isEqualTo(2);
        assertThat(stats.path("bytes").asLong()).isEqualTo(stats.path("users").get(0).path("bytes").asLong()
                + stats.path("users").get(1).path("bytes").asLong());
    }

    @Test
    void users_are_added_listed_disabled_enabled_promoted_and_demoted() {
        JsonNode created = call("POST", "/admin/users",
                "{\"username\":\"carol\",\"temporaryPassword\":\"Temporary-1\"}", 201);
        assertThat(created.path("status").asText()).isEqualTo("FORCE_CHANGE_PASSWORD");
        assertThat(created.toString()).doesNotContain("Temporary-1");
        assertThat(users.temporaryPassword("carol")).contains("Temporary-1");

        JsonNode first = call("GET", "/admin/users", null, Map.of("limit", "2"), 200);
        assertThat(first.path("users")).hasSize(2);
        JsonNode second = call("GET", "/admin/users", null,
                Map.of("limit", "2", "cursor", first.path("nextCursor").asText()), 200);
        assertThat(second.path("users").get(0).path("username").asText()).isEqualTo("carol");

        assertThat(call("POST", "/admin/users/carol/disable", null, 200).path("enabled").asBoolean()).isFalse();
        assertThat(call("POST", "/admin/users/carol/enable", null, 200).path("enabled").asBoolean()).isTrue();
        assertThat(call("POST", "/admin/users/carol/promote", null, 200).path("groups"))
                .extracting(JsonNode::asText).containsExactly("admins");
        assertThat(call("POST", "/admin/users/carol/demote", null, 200).path("groups")).isEmpty();
    }

    @Test
    void adding_a_taken_name_is_409_and_a_short_password_400() {
        assertThat(call("POST", "/admin/users", "{\"username\":\"alice\",\"temporaryPassword\":\"Temporary-1\"}",
                409).path("error").path("code").asText()).isEqualTo("conflict");
        assertThat(call("POST", "/admin/users", "{\"username\":\"dave\",\"temporaryPassword\":\"short\"}", 400)
                .path("error").path("code").asText()).isEqualTo("invalid_password");
        assertThat(call("POST", "/admin/users", "{\"temporaryPassword\":\"Temporary-1\"}", 400)
                .path("error").path("code").asText()).isEqualTo("invalid_username");
    }

    @Test
    void an_admin_cannot_disable_or_demote_themselves_and_an_unknown_user_is_404() {
        call("POST", "/admin/users/chief/disable", null, 400);
        call("POST", "/admin/users/chief/demote", null, 400);
        call("POST", "/admin/users/nobody/enable", null, 404);
        assertThat(users.find("chief").orElseThrow().enabled()).isTrue();
        assertThat(users.find("chief").orElseThrow().groups()).containsExactly("admins");
    }

    @Test
    void a_user_name_in_the_path_is_percent_decoded() {
        users.add("c+d@example.com", "33333333-3333-4333-8333-333333333333", List.of());

        assertThat(call("GET", "/admin/users/c+d%40example.com", null, 200).path("username").asText())
                .isEqualTo("c+d@example.com");
        call("GET", "/admin/users/bad%4", null, 400);
    }

    private Photo ready(String owner, String album) {
        tick++;
        byte[] jpeg = SampleGenerator.jpeg(300 + (int) tick, 200, 0);
        String id = new PhotoIds(Clock.fixed(NOW.plusSeconds(tick), ZoneOffset.UTC)).next();
        Photo pending = Photo.pending(owner, id, album, "IMG_" + tick + ".jpg", "image/jpeg", jpeg.length,
                Sha256.hex(jpeg), NOW);
        repo.put(pending);
        store.putBytes(pending.originalKey(), jpeg, "image/jpeg");
        for (int size : config.thumbnailSizes()) {
            store.putBytes(Keys.thumbnail(owner, id, size), new byte[] {1}, "image/jpeg");
        }
        Photo ready = pending.ready("image/jpeg", 300 + (int) tick, 200, null, null, config.thumbnailSizes(), NOW);
        repo.update(ready, PhotoStatus.PENDING);
        return ready;
    }

    private void pendingOnly(String owner, int n) {
        String id = new PhotoIds(Clock.fixed(NOW.plusSeconds(1000 + n), ZoneOffset.UTC)).next();
        repo.put(Photo.pending(owner, id, "trip", "P" + n + ".jpg", "image/jpeg", 10, String.format("%064x", n),
                NOW));
    }

    private JsonNode call(String method, String path, String body, int expected) {
        return call(method, path, body, null, expected);
    }

    private JsonNode call(String method, String path, String body, Map<String, String> query, int expected) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(ADMIN, "[admins]", method, path, query,
                body), null);
        assertThat(response.getStatusCode()).as("%s %s: %s", method, path, response.getBody()).isEqualTo(expected);
        return body(response);
    }

    private static APIGatewayV2HTTPEvent event(String sub, String groups, String method, String path,
                                               Map<String, String> query, String body) {
        APIGatewayV2HTTPEvent event = ApiEvents.as(sub, method, path, query, body);
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        if (groups == null) {
            claims.remove("cognito:groups");
        } else {
            claims.put("cognito:groups", groups);
        }
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return response.getBody() == null ? JSON.nullNode() : JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
