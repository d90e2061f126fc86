package dev.photo.backend.handler;

import dev.photo.backend.fakes.AdminFakes;
import dev.photo.contract.PhotoStatus;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.aws.EmbeddedS3;
import dev.photo.backend.aws.EmbeddedS3Extension;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The API handler end to end below the gateway: real event shapes in, real S3-compatible server behind. */
class ApiHandlerTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private final S3ObjectStore store = S3.store();

    private final BackendConfig config = BackendConfig.of("eu-west-1", EmbeddedS3.BUCKET, "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/")).withMaxUploadBytes(10_000);
    private InMemoryPhotoRepository repo;
    private ApiHandler handler;
    /** For handlerThatMustNotPresign: fails any multipart call but abortAll, which its tests check is unused. */
    private final NoMultipartUploads noMultipart = new NoMultipartUploads();

    @BeforeEach
    void setUp() {
        repo = new InMemoryPhotoRepository();
        handler = new ApiHandler(config, repo, store, AdminFakes.ports(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private JsonNode call(APIGatewayV2HTTPEvent event, int expectedStatus) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        return response.getBody() == null ? null : JSON.readTree(response.getBody());
    }

    private static String sha(int n) {
        return String.format("%064x", n);
    }

    private static String file(String name, long size, String type, String sha) {
        return String.format("{\"name\":%s,\"size\":%d,\"contentType\":\"%s\",\"sha256\":\"%s\"}",
                JSON.valueToTree(name).toString(), size, type, sha);
    }

    private static String batch(String album, String... files) {
        return "{\"album\":\"" + album + "\",\"files\":[" + String.join(",", files) + "]}";
    }

    private JsonNode upload(String owner, String body) throws Exception {
        return call(ApiEvents.as(owner, "POST", "/uploads", null, body), 200).get("results");
    }

    private Photo stored(String owner, int n, String album, PhotoStatus status) {
        Photo p = Photo.pending(owner, UUID.randomUUID().toString(), album, "f" + n + ".jpg", "image/jpeg", 100 + n,
                sha(n), NOW.plusSeconds(n));
        if (status == PhotoStatus.READY) {
            p = p.ready("image/jpeg", 40, 30, null, null, List.of(256, 1024), NOW.plusSeconds(n));
        }
        repo.put(p);
        return p;
    }

    @Test
    void config_is_public_and_names_the_login_endpoint() throws Exception {
        JsonNode body = call(ApiEvents.load("api-get-config-public.json"), 200);

        assertThat(body.get("userPoolId").asText()).isEqualTo("eu-west-1_example");
        assertThat(body.get("clientId").asText()).isEqualTo("photo-cli");
        assertThat(body.get("cognitoEndpoint").asText()).isEqualTo("http://127.0.0.1:1/");
        assertThat(body.get("maxBatch").asInt()).isEqualTo(100);
    }

    @Test
    void config_advises_multipart_from_64_mib_in_16_mib_parts_by_default() throws Exception {
        JsonNode body = call(ApiEvents.load("api-get-config-public.json"), 200);

        assertThat(body.get("multipartThresholdBytes").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(body.get("partBytes").asLong()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void config_lists_the_thumbnail_sizes_the_processor_makes() throws Exception {
        JsonNode body = call(ApiEvents.load("api-get-config-public.json"), 200);

        assertThat(body.get("thumbnailSizes")).extracting(JsonNode::asInt).containsExactly(256, 1024);
    }

    @Test
    void config_publishes_the_deployments_own_multipart_advice() throws Exception {
        handler = new ApiHandler(config.withMultipartAdvice(5L << 30, 8L << 20), repo, store,
                AdminFakes.ports(), Clock.fixed(NOW, ZoneOffset.UTC));

        JsonNode body = call(ApiEvents.load("api-get-config-public.json"), 200);

        assertThat(body.get("multipartThresholdBytes").asLong()).isEqualTo(5L << 30);
        assertThat(body.get("partBytes").asLong()).isEqualTo(8L << 20);
    }

    @Test
    void fixture_upload_is_presigned_and_recorded_pending_under_a_server_made_key() throws Exception {
        JsonNode results = call(ApiEvents.load("api-post-uploads.json"), 200).get("results");

        JsonNode r = results.get(0);
        assertThat(r.get("status").asText()).isEqualTo("upload");
        String id = r.get("photoId").asText();
        JsonNode upload = r.get("upload");
        assertThat(upload.get("method").asText()).isEqualTo("PUT");
        assertThat(upload.get("url").asText()).contains("/photos/" + Keys.original(ALICE, id))
                .doesNotContain("IMG_0001");
        assertThat(upload.get("headers").get("content-length").asText()).isEqualTo("1234");
        assertThat(upload.get("headers").get("x-amz-checksum-sha256").asText())
                .isEqualTo("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
        assertThat(upload.get("headers").get("if-none-match").asText()).isEqualTo("*");
        assertThat(upload.get("url").asText()).contains("X-Amz-Expires=900");
        assertThat(Instant.parse(upload.get("expiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(800), Instant.now().plusSeconds(901));
        Photo photo = repo.get(ALICE, id).orElseThrow();
        assertThat(photo.status()).isEqualTo(PhotoStatus.PENDING);
        assertThat(photo.fileName()).isEqualTo("IMG_0001.jpg");
        assertThat(photo.album()).isEqualTo("trip");
    }

    @Test
    void bad_entries_are_rejected_one_by_one_and_the_rest_go_on() throws Exception {
        JsonNode results = upload(ALICE, batch("trip",
                file("ok.jpg", 10, "image/jpeg", sha(1)),
                file("logo.svg", 10, "image/svg+xml", sha(2)),
                file("huge.jpg", 10_001, "image/jpeg", sha(3)),
                file("empty.jpg", 0, "image/jpeg", sha(4)),
                file("bad\u0007name.jpg", 10, "image/jpeg", sha(5)),
                file("nohash.jpg", 10, "image/jpeg", "abc"),
                file("../../etc/passwd.png", 10, "IMAGE/PNG", sha(6))));

        assertThat(results).extracting(n -> n.get("status").asText())
                .containsExactly("upload", "rejected", "rejected", "rejected", "rejected", "rejected", "upload");
        assertThat(results).extracting(n -> n.path("error").path("code").asText())
                .containsExactly("", "unsupported_type", "too_large", "empty", "invalid_name", "invalid_sha256", "");
        assertThat(results.get(6).get("name").asText()).isEqualTo("passwd.png");
        assertThat(results.get(6).get("upload").get("headers").get("content-type").asText()).isEqualTo("image/png");
        assertThat(repo.list(ALICE, null, 100, null).items()).hasSize(2);
    }

    @Test
    void content_the_owner_already_has_is_a_duplicate_and_costs_no_upload() throws Exception {
        Photo ready = stored(ALICE, 1, "old", PhotoStatus.READY);

        JsonNode results = upload(ALICE, batch("trip",
                file("again.jpg", 10, "image/jpeg", sha(1)),
                file("new.jpg", 10, "image/jpeg", sha(2)),
                file("new-copy.jpg", 10, "image/jpeg", sha(2))));

        assertThat(results).extracting(n -> n.get("status").asText())
                .containsExactly("duplicate", "upload", "duplicate");
        assertThat(results.get(0).get("photoId").asText()).isEqualTo(ready.photoId());
        assertThat(results.get(2).get("photoId").asText()).isEqualTo(results.get(1).get("photoId").asText());
        assertThat(results.get(0).has("upload")).isTrue();
        assertThat(results.get(0).get("upload").isNull()).isTrue();
    }

    @Test
    void an_upload_that_never_arrived_is_presigned_again_under_the_same_id() throws Exception {
        String first = upload(ALICE, batch("trip", file("a.jpg", 10, "image/jpeg", sha(9)))).get(0)
                .get("photoId").asText();

        JsonNode again = upload(ALICE, batch("other", file("b.jpg", 10, "image/jpeg", sha(9)))).get(0);

        assertThat(again.get("status").asText()).isEqualTo("upload");
        assertThat(again.get("photoId").asText()).isEqualTo(first);
        assertThat(repo.get(ALICE, first).orElseThrow().album()).isEqualTo("other");
    }

    @Test
    void a_pending_upload_whose_bytes_arrived_is_a_duplicate() throws Exception {
        Photo pending = stored(ALICE, 3, "trip", PhotoStatus.PENDING);
        Path bytes = Files.writeString(dir.resolve("arrived"), "bytes");
        store.put(pending.originalKey(), bytes, "image/jpeg");

        JsonNode r = upload(ALICE, batch("trip", file("x.jpg", 10, "image/jpeg", sha(3)))).get(0);

        assertThat(r.get("status").asText()).isEqualTo("duplicate");
        assertThat(r.get("photoId").asText()).isEqualTo(pending.photoId());
    }

    @Test
    void another_users_content_is_not_a_duplicate() throws Exception {
        stored(BOB, 1, "trip", PhotoStatus.READY);

        JsonNode r = upload(ALICE, batch("trip", file("a.jpg", 10, "image/jpeg", sha(1)))).get(0);

        assertThat(r.get("status").asText()).isEqualTo("upload");
    }

    private static String dryRun(String album, String... files) {
        return "{\"album\":\"" + album + "\",\"dryRun\":true,\"files\":[" + String.join(",", files) + "]}";
    }

    /** The real store for reads; a presign or a multipart start would fail the test. */
    private ApiHandler handlerThatMustNotPresign() {
        ObjectStore readOnly = (ObjectStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("head")) {
                        return store.head((String) args[0]);
                    }
                    throw new AssertionError("a dry run called ObjectStore." + method.getName());
                });
        return new ApiHandler(config, repo, readOnly, noMultipart, AdminFakes.ports(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void a_dry_run_judges_every_entry_but_records_nothing_and_returns_no_url() throws Exception {
        Photo ready = stored(ALICE, 1, "old", PhotoStatus.READY);
        handler = handlerThatMustNotPresign();
        String plan = "{\"name\":\"big.jpg\",\"size\":20,\"contentType\":\"image/jpeg\",\"sha256\":\"" + sha(7)
                + "\",\"parts\":[{\"size\":20,\"sha256\":\"" + sha(8) + "\"}]}";

        JsonNode results = upload(ALICE, dryRun("trip",
                file("again.jpg", 10, "image/jpeg", sha(1)),
                file("new.jpg", 10, "image/jpeg", sha(2)),
                file("new-copy.jpg", 10, "image/jpeg", sha(2)),
                file("logo.svg", 10, "image/svg+xml", sha(3)),
                file("huge.jpg", 10_001, "image/jpeg", sha(4)),
                plan));

        assertThat(results).extracting(n -> n.get("status").asText())
                .containsExactly("duplicate", "upload", "duplicate", "rejected", "rejected", "upload");
        assertThat(results).extracting(n -> n.path("error").path("code").asText())
                .containsExactly("", "", "", "unsupported_type", "too_large", "");
        assertThat(results.get(0).get("photoId").asText()).isEqualTo(ready.photoId());
        assertThat(results.get(1).get("photoId").isNull()).as("no id is made for a dry run").isTrue();
        assertThat(results).allSatisfy(r -> {
            assertThat(r.path("upload").isMissingNode() || r.path("upload").isNull()).as(r.toString()).isTrue();
            assertThat(r.has("multipart")).as(r.toString()).isFalse();
        });
        assertThat(repo.list(ALICE, null, 100, null).items()).extracting(Photo::photoId)
                .containsExactly(ready.photoId());
        assertThat(noMultipart.abortedKeys()).as("a dry run aborts nothing").isEmpty();
    }

    @Test
    void a_dry_run_names_the_photo_a_retry_would_reuse_and_leaves_it_untouched() throws Exception {
        Photo pending = stored(ALICE, 5, "trip", PhotoStatus.PENDING);
        handler = handlerThatMustNotPresign();

        JsonNode r = upload(ALICE, dryRun("other", file("b.jpg", 10, "image/jpeg", sha(5)))).get(0);

        assertThat(r.get("status").asText()).isEqualTo("upload");
        assertThat(r.get("photoId").asText()).isEqualTo(pending.photoId());
        assertThat(repo.get(ALICE, pending.photoId()).orElseThrow()).isEqualTo(pending);
        assertThat(noMultipart.abortedKeys()).as("a dry run aborts nothing").isEmpty();
    }

    @Test
    void a_dry_run_refuses_a_bad_batch_as_a_real_one_would() throws Exception {
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null,
                dryRun("../etc", file("a.jpg", 1, "image/jpeg", sha(1)))), 400).at("/error/code").asText())
                .isEqualTo("invalid_album");
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null,
                "{\"album\":\"trip\",\"dryRun\":\"maybe\",\"files\":[]}"), 400).at("/error/code").asText())
                .isEqualTo("invalid_request");
        assertThat(repo.list(ALICE, null, 100, null).items()).isEmpty();
    }

    @Test
    void the_owner_comes_from_the_token_never_from_the_body() throws Exception {
        String body = "{\"album\":\"trip\",\"owner\":\"" + BOB + "\",\"files\":["
                + file("a.jpg", 10, "image/jpeg", sha(1)) + "]}";

        String id = upload(ALICE, body).get(0).get("photoId").asText();

        assertThat(repo.get(ALICE, id)).isPresent();
        assertThat(repo.get(BOB, id)).isEmpty();
    }

    @Test
    void whole_request_errors_are_400_with_a_code() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            files.add(file("f" + i + ".jpg", 10, "image/jpeg", sha(i)));
        }
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null,
                batch("trip", files.toArray(String[]::new))), 400).at("/error/code").asText())
                .isEqualTo("too_many_files");
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null,
                batch("../etc", file("a.jpg", 1, "image/jpeg", sha(1)))), 400).at("/error/code").asText())
                .isEqualTo("invalid_album");
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null, "{not json"), 400)
                .at("/error/code").asText()).isEqualTo("invalid_json");
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads", null, batch("trip")), 400)
                .at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(call(ApiEvents.as(ALICE, "GET", "/photos", Map.of("limit", "0"), null), 400)
                .at("/error/code").asText()).isEqualTo("invalid_limit");
        assertThat(call(ApiEvents.as(ALICE, "GET", "/photos", Map.of("cursor", "!!!"), null), 400)
                .at("/error/code").asText()).isEqualTo("invalid_cursor");
    }

    @Test
    void a_route_without_verified_claims_fails_closed() throws Exception {
        APIGatewayV2HTTPEvent event = ApiEvents.as(ALICE, "GET", "/photos", null, null);
        event.getRequestContext().setAuthorizer(null);

        assertThat(call(event, 401).at("/error/code").asText()).isEqualTo("unauthorized");
    }

    @Test
    void lists_newest_first_page_by_page_and_by_album() throws Exception {
        Photo a = stored(ALICE, 1, "trip", PhotoStatus.READY);
        Photo b = stored(ALICE, 2, "home", PhotoStatus.READY);
        stored(BOB, 3, "trip", PhotoStatus.READY);

        JsonNode first = call(ApiEvents.as(ALICE, "GET", "/photos", Map.of("limit", "1"), null), 200);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = call(ApiEvents.as(ALICE, "GET", "/photos", Map.of("limit", "1", "cursor", cursor), null),
                200);
        JsonNode trip = call(ApiEvents.as(ALICE, "GET", "/photos", Map.of("album", "trip"), null), 200);

        List<String> order = repo.list(ALICE, null, 10, null).items().stream().map(Photo::photoId).toList();
        assertThat(List.of(first.at("/photos/0/photoId").asText(), second.at("/photos/0/photoId").asText()))
                .isEqualTo(order).containsExactlyInAnyOrder(a.photoId(), b.photoId());
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(trip.get("photos")).hasSize(1);
        assertThat(trip.at("/photos/0/photoId").asText()).isEqualTo(a.photoId());
        assertThat(trip.at("/photos/0/thumbnails").toString()).isEqualTo("[256,1024]");
        assertThat(trip.at("/photos/0").has("owner")).isFalse();
    }

    @Test
    void photo_detail_has_short_lived_download_urls_that_name_the_file() throws Exception {
        Photo p = stored(ALICE, 1, "trip", PhotoStatus.READY);
        Path original = Files.writeString(dir.resolve("orig"), "original bytes");
        store.put(p.originalKey(), original, "image/jpeg");

        JsonNode body = call(ApiEvents.as(ALICE, "GET", "/photos/" + p.photoId(), null, null), 200);

        assertThat(body.at("/photo/fileName").asText()).isEqualTo("f1.jpg");
        assertThat(body.at("/downloads/thumbnails/256").asText()).contains(Keys.thumbnail(ALICE, p.photoId(), 256));
        HttpResponse<String> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(body.at("/downloads/original").asText())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("original bytes");
        assertThat(get.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"f1.jpg\"");
        assertThat(body.at("/downloads/original").asText()).contains("X-Amz-Expires=900");
    }

    @Test
    void gps_is_shown_in_the_owners_single_photo_view_but_never_in_a_listing() throws Exception {
        Photo p = stored(ALICE, 1, "trip", PhotoStatus.READY);
        ImageMetadata details = new ImageMetadata(ImageMetadata.TakenAtSource.EXIF_ORIGINAL, "+02:00", "Lens 35",
                new ImageMetadata.Exposure("1/250", 2.8, 400, 35.0), new ImageMetadata.Gps(48.5, 2.25, 35.0), null);
        repo.update(p.ready("image/jpeg", 40, 30, Instant.parse("2024-07-03T10:15:00Z"), "Cam", List.of(256, 1024),
                details, NOW), PhotoStatus.READY);

        JsonNode listed = call(ApiEvents.as(ALICE, "GET", "/photos", null, null), 200);
        JsonNode single = call(ApiEvents.as(ALICE, "GET", "/photos/" + p.photoId(), null, null), 200);

        assertThat(listed.at("/photos/0/details/lens").asText()).isEqualTo("Lens 35");
        assertThat(listed.at("/photos/0/details/takenAtOffset").asText()).isEqualTo("+02:00");
        assertThat(listed.at("/photos/0/details/gps").isNull()).isTrue();
        assertThat(listed.toString()).doesNotContain("48.5").doesNotContain("latitude\":48");
        assertThat(single.at("/photo/details/gps/latitude").asDouble()).isEqualTo(48.5);
        assertThat(single.at("/photo/details/exposure/exposureTime").asText()).isEqualTo("1/250");
        assertThat(single.at("/photo/details/takenAtSource").asText()).isEqualTo("EXIF_ORIGINAL");
    }

    @Test
    void a_pending_photo_offers_no_original_download() throws Exception {
        Photo p = stored(ALICE, 1, "trip", PhotoStatus.PENDING);

        JsonNode body = call(ApiEvents.as(ALICE, "GET", "/photos/" + p.photoId(), null, null), 200);

        assertThat(body.at("/downloads").has("original")).isFalse();
        assertThat(body.at("/downloads/thumbnails").isEmpty()).isTrue();
    }

    @Test
    void another_users_photo_looks_missing_to_read_and_to_delete() throws Exception {
        Photo bobs = stored(BOB, 1, "trip", PhotoStatus.READY);

        assertThat(call(ApiEvents.as(ALICE, "GET", "/photos/" + bobs.photoId(), null, null), 404)
                .at("/error/code").asText()).isEqualTo("not_found");
        call(ApiEvents.as(ALICE, "DELETE", "/photos/" + bobs.photoId(), null, null), 404);
        call(ApiEvents.as(ALICE, "GET", "/photos/not-an-id", null, null), 404);

        assertThat(repo.get(BOB, bobs.photoId())).isPresent();
    }

    @Test
    void delete_removes_the_bytes_and_the_record() throws Exception {
        Photo p = stored(ALICE, 1, "trip", PhotoStatus.READY);
        Path bytes = Files.writeString(dir.resolve("del"), "x");
        store.put(p.originalKey(), bytes, "image/jpeg");
        store.put(Keys.thumbnail(ALICE, p.photoId(), 256), bytes, "image/jpeg");

        assertThat(handler.handleRequest(ApiEvents.as(ALICE, "DELETE", "/photos/" + p.photoId(), null, null), null)
                .getStatusCode()).isEqualTo(204);

        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        assertThat(store.head(p.originalKey())).isEmpty();
        assertThat(store.head(Keys.thumbnail(ALICE, p.photoId(), 256))).isEmpty();
    }

    @Test
    void albums_with_counts() throws Exception {
        stored(ALICE, 1, "trip", PhotoStatus.READY);
        stored(ALICE, 2, "trip", PhotoStatus.READY);
        stored(ALICE, 3, "home", PhotoStatus.READY);

        JsonNode albums = call(ApiEvents.as(ALICE, "GET", "/albums", null, null), 200).get("albums");

        assertThat(albums).extracting(n -> n.get("name").asText() + "=" + n.get("count").asInt())
                .containsExactly("home=1", "trip=2");
    }

    @Test
    void unknown_routes_and_methods_are_told_apart() throws Exception {
        assertThat(call(ApiEvents.as(ALICE, "GET", "/nope", null, null), 404).at("/error/code").asText())
                .isEqualTo("no_route");
        assertThat(call(ApiEvents.as(ALICE, "PUT", "/albums", null, null), 405).at("/error/code").asText())
                .isEqualTo("method_not_allowed");
    }

    @Test
    void unexpected_failures_are_500_without_internal_detail() throws Exception {
        PhotoRepository broken = (PhotoRepository) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PhotoRepository.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("jdbc:sqlite connection lost, secret=hunter2");
                });
        ApiHandler failing = new ApiHandler(config, broken, store, AdminFakes.ports(), Clock.systemUTC());

        APIGatewayV2HTTPResponse response = failing.handleRequest(
                ApiEvents.as(ALICE, "GET", "/albums", null, null), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).contains("\"code\":\"internal\"").contains("req-1")
                .doesNotContain("jdbc").doesNotContain("hunter2");
    }
}
