package dev.photo.backend.handler;

import dev.photo.contract.PhotoStatus;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.backend.aws.EmbeddedS3;
import dev.photo.backend.aws.EmbeddedS3Extension;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.NoSuchUploadException;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multipart uploads through the API handler, with the parts sent to a real S3-compatible server exactly as a
 * client would send them: only the URLs and headers the API handed out.
 */
class MultipartRoutesTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";
    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final EmbeddedS3Extension S3 = new EmbeddedS3Extension();
    private final S3ObjectStore store = S3.store();
    private static byte[] big;
    private static int seed;

    private final BackendConfig config = BackendConfig.of("eu-west-1", EmbeddedS3.BUCKET, "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/")).withMaxUploadBytes(10_000);
    private InMemoryPhotoRepository repo;
    private ApiHandler handler;

    @BeforeAll
    static void startS3() throws Exception {
        big = random(5 * MIB);
    }

    @BeforeEach
    void setUp() {
        repo = new InMemoryPhotoRepository();
        handler = new ApiHandler(config, repo, store, store, Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"),
                ZoneOffset.UTC));
    }

    /** A file of a 5 MiB part and a small last part; each test gets other content, so no test sees a duplicate. */
    private record TwoParts(byte[] first, byte[] last) {
        long size() {
            return first.length + last.length;
        }

        String sha256() {
            return Sha256.hex(first, last);
        }

        String partsJson() throws Exception {
            return "[" + part(first.length, Sha256.hex(first)) + "," + part(last.length, Sha256.hex(last)) + "]";
        }
    }

    private static TwoParts twoParts() {
        return new TwoParts(big, random(1024));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(++seed).nextBytes(b);
        return b;
    }

    private static String part(long size, String sha) {
        return "{\"size\":" + size + ",\"sha256\":\"" + sha + "\"}";
    }

    private static String entry(String name, long size, String sha, String partsJson) {
        return "{\"name\":\"" + name + "\",\"size\":" + size + ",\"contentType\":\"image/jpeg\",\"sha256\":\"" + sha
                + "\"" + (partsJson == null ? "" : ",\"parts\":" + partsJson) + "}";
    }

    private JsonNode call(APIGatewayV2HTTPEvent event, int expectedStatus) throws Exception {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expectedStatus);
        return response.getBody() == null ? null : JSON.readTree(response.getBody());
    }

    private JsonNode upload(String owner, String... entries) throws Exception {
        String body = "{\"album\":\"big\",\"files\":[" + String.join(",", entries) + "]}";
        return call(ApiEvents.as(owner, "POST", "/uploads", null, body), 200).get("results");
    }

    private JsonNode plan(String owner, TwoParts file) throws Exception {
        JsonNode r = upload(owner, entry("big.jpg", file.size(), file.sha256(), file.partsJson())).get(0);
        assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("multipart");
        return r;
    }

    private JsonNode parts(String owner, String photoId, String body, int status) throws Exception {
        return call(ApiEvents.as(owner, "POST", "/uploads/" + photoId + "/parts", null, body), status);
    }

    private JsonNode complete(String owner, String photoId, String uploadId, List<String> etags, int status)
            throws Exception {
        ObjectNode body = JSON.createObjectNode().put("uploadId", uploadId);
        ArrayNode list = body.putArray("parts");
        for (int i = 0; i < etags.size(); i++) {
            list.addObject().put("partNumber", i + 1).put("etag", etags.get(i));
        }
        return call(ApiEvents.as(owner, "POST", "/uploads/" + photoId + "/complete", null, body.toString()), status);
    }

    private int abort(String owner, String photoId, String uploadId) {
        return handler.handleRequest(ApiEvents.as(owner, "DELETE", "/uploads/" + photoId,
                Map.of("uploadId", uploadId), null), null).getStatusCode();
    }

    /** Sends a body with exactly the method, URL and headers the API answered. */
    private HttpResponse<String> send(JsonNode presigned, byte[] body) throws Exception {
        Map<String, String> headers = new HashMap<>();
        presigned.get("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        PresignedRequest request = new PresignedRequest(presigned.get("method").asText(),
                URI.create(presigned.get("url").asText()), headers, Instant.parse(presigned.get("expiresAt").asText()));
        return S3.send(request, body, Map.of());
    }

    private String sendOk(JsonNode presigned, byte[] body) throws Exception {
        HttpResponse<String> response = send(presigned, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** Sends both parts of a two-part plan; their ETags in part order. */
    private List<String> sendBoth(JsonNode result, TwoParts file) throws Exception {
        JsonNode parts = result.get("multipart").get("parts");
        return List.of(sendOk(parts.get(0), file.first()), sendOk(parts.get(1), file.last()));
    }

    private static String key(String owner, JsonNode result) {
        return Keys.original(owner, result.get("photoId").asText());
    }

    @Test
    void a_two_part_upload_becomes_exactly_the_declared_bytes() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        JsonNode mp = r.get("multipart");
        String photoId = r.get("photoId").asText();

        assertThat(r.has("upload") && !r.get("upload").isNull()).isFalse();
        assertThat(mp.get("partCount").asInt()).isEqualTo(2);
        assertThat(mp.get("parts")).extracting(p -> p.get("partNumber").asInt()).containsExactly(1, 2);
        JsonNode second = mp.get("parts").get(1);
        assertThat(second.get("headers").get("content-length").asText()).isEqualTo("1024");
        assertThat(second.get("headers").get("x-amz-checksum-sha256").asText()).isNotEmpty();
        assertThat(second.get("url").asText()).contains(key(ALICE, r)).contains("partNumber=2")
                .contains("X-Amz-Expires=900");
        assertThat(Instant.parse(second.get("expiresAt").asText())).isAfter(Instant.now());

        String etag1 = sendOk(mp.get("parts").get(0), file.first());
        String etag2 = sendOk(second, file.last());
        JsonNode done = complete(ALICE, photoId, mp.get("uploadId").asText(), List.of(etag1, etag2), 200);

        assertThat(done.get("photoId").asText()).isEqualTo(photoId);
        assertThat(done.get("status").asText()).isEqualTo("PENDING");
        try (InputStream in = store.open(key(ALICE, r)).orElseThrow()) {
            byte[] stored = in.readAllBytes();
            assertThat(stored.length).isEqualTo(file.size());
            assertThat(Arrays.equals(stored, 0, file.first().length, file.first(), 0, file.first().length)).isTrue();
            assertThat(Arrays.equals(stored, file.first().length, stored.length, file.last(), 0, 1024)).isTrue();
        }
        assertThat(repo.get(ALICE, photoId).orElseThrow().size()).isEqualTo(file.size());
        assertThatThrownBy(() -> store.listParts(key(ALICE, r), mp.get("uploadId").asText()))
                .as("the upload is finished").isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void a_part_body_of_another_length_is_refused_by_s3() throws Exception {
        TwoParts file = twoParts();
        JsonNode last = plan(ALICE, file).get("multipart").get("parts").get(1);

        assertThat(send(last, Arrays.copyOf(file.last(), 1023)).statusCode()).isEqualTo(403);
        assertThat(send(last, Arrays.copyOf(file.last(), 1025)).statusCode()).isEqualTo(403);
    }

    @Test
    void asking_for_parts_again_shows_what_arrived_so_an_upload_resumes() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        String etag1 = sendOk(r.get("multipart").get("parts").get(0), file.first());

        JsonNode again = parts(ALICE, photoId, "{\"uploadId\":\"" + uploadId + "\",\"parts\":[{\"partNumber\":2,"
                + "\"size\":1024,\"sha256\":\"" + Sha256.hex(file.last()) + "\"}]}", 200);

        assertThat(again.get("uploadId").asText()).isEqualTo(uploadId);
        assertThat(again.get("uploaded")).hasSize(1);
        assertThat(again.at("/uploaded/0/partNumber").asInt()).isEqualTo(1);
        assertThat(again.at("/uploaded/0/etag").asText()).isEqualTo(etag1);
        assertThat(again.at("/uploaded/0/size").asLong()).isEqualTo(5L * MIB);
        assertThat(again.get("parts")).extracting(p -> p.get("partNumber").asInt()).containsExactly(2);

        String etag2 = sendOk(again.get("parts").get(0), file.last());
        complete(ALICE, photoId, uploadId, List.of(etag1, etag2), 200);
        assertThat(store.head(key(ALICE, r)).orElseThrow().size()).isEqualTo(file.size());
    }

    @Test
    void an_upload_id_of_another_photo_is_refused_everywhere() throws Exception {
        TwoParts a = twoParts();
        TwoParts b = twoParts();
        JsonNode ra = plan(ALICE, a);
        JsonNode rb = plan(ALICE, b);
        String idA = ra.get("photoId").asText();
        String uploadB = rb.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(rb, b);

        assertThat(complete(ALICE, idA, uploadB, etags, 404).at("/error/code").asText())
                .isEqualTo("no_such_upload");
        assertThat(parts(ALICE, idA, "{\"uploadId\":\"" + uploadB + "\"}", 404).at("/error/code").asText())
                .isEqualTo("no_such_upload");
        assertThat(abort(ALICE, idA, uploadB)).isEqualTo(404);

        assertThat(store.head(key(ALICE, ra))).isEmpty();
        assertThat(store.listParts(key(ALICE, rb), uploadB)).hasSize(2);
        complete(ALICE, rb.get("photoId").asText(), uploadB, etags, 200);
    }

    @Test
    void another_users_photo_is_not_found() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(r, file);

        assertThat(complete(BOB, photoId, uploadId, etags, 404).at("/error/code").asText())
                .isEqualTo("not_found");
        assertThat(parts(BOB, photoId, "{\"uploadId\":\"" + uploadId + "\"}", 404).at("/error/code").asText())
                .isEqualTo("not_found");
        assertThat(abort(BOB, photoId, uploadId)).isEqualTo(404);

        assertThat(store.listParts(key(ALICE, r), uploadId)).hasSize(2);
        assertThat(store.head(key(ALICE, r))).isEmpty();
    }

    @Test
    void deleting_a_photo_discards_its_unfinished_multipart_upload() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        sendOk(r.get("multipart").get("parts").get(0), file.first());

        assertThat(handler.handleRequest(ApiEvents.as(ALICE, "DELETE", "/photos/" + photoId, null, null), null)
                .getStatusCode()).isEqualTo(204);

        assertThatThrownBy(() -> store.listParts(key(ALICE, r), uploadId))
                .isInstanceOf(dev.photo.backend.port.NoSuchUploadException.class);
    }

    @Test
    void an_aborted_upload_cannot_be_completed() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(r, file);

        assertThat(abort(ALICE, photoId, uploadId)).isEqualTo(204);

        assertThat(complete(ALICE, photoId, uploadId, etags, 404).at("/error/code").asText())
                .isEqualTo("no_such_upload");
        assertThat(abort(ALICE, photoId, uploadId)).isEqualTo(404);
        assertThat(store.head(key(ALICE, r))).isEmpty();
        assertThat(repo.get(ALICE, photoId).orElseThrow().status()).isEqualTo(PhotoStatus.PENDING);
    }

    @Test
    void completion_is_checked_against_the_parts_that_arrived() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        String etag1 = sendOk(r.get("multipart").get("parts").get(0), file.first());

        assertThat(complete(ALICE, photoId, uploadId, List.of(etag1, etag1), 400).at("/error/code").asText())
                .as("part 2 never sent").isEqualTo("part_mismatch");
        String etag2 = sendOk(r.get("multipart").get("parts").get(1), file.last());
        assertThat(complete(ALICE, photoId, uploadId, List.of(etag2, etag2), 400).at("/error/code").asText())
                .as("part 1 with part 2's etag").isEqualTo("part_mismatch");
        assertThat(complete(ALICE, photoId, uploadId, List.of(etag1), 400).at("/error/code").asText())
                .as("leaving out the last part").isEqualTo("parts_size_mismatch");
        assertThat(complete(ALICE, photoId, uploadId, List.of(), 400).at("/error/code").asText())
                .isEqualTo("invalid_parts");
        assertThat(store.head(key(ALICE, r))).isEmpty();

        complete(ALICE, photoId, uploadId, List.of(etag1, etag2), 200);
    }

    @Test
    void completing_again_after_a_lost_answer_answers_the_photo() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(r, file);
        complete(ALICE, photoId, uploadId, etags, 200);

        JsonNode again = complete(ALICE, photoId, uploadId, etags, 200);

        assertThat(again.get("photoId").asText()).isEqualTo(photoId);
        assertThat(again.get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void completing_again_after_the_bytes_were_rejected_answers_the_rejected_photo() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(r, file);
        complete(ALICE, photoId, uploadId, etags, 200);
        // what processing does with bytes that are not an image: the record says why, the original is deleted
        Photo photo = repo.get(ALICE, photoId).orElseThrow();
        repo.update(photo.rejected("not an image", Instant.now()), PhotoStatus.PENDING);
        store.delete(key(ALICE, r));

        JsonNode again = complete(ALICE, photoId, uploadId, etags, 200);

        assertThat(again.get("photoId").asText()).isEqualTo(photoId);
        assertThat(again.get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void a_photo_that_is_no_longer_pending_takes_no_parts() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.get("multipart").get("uploadId").asText();
        List<String> etags = sendBoth(r, file);
        Photo photo = repo.get(ALICE, photoId).orElseThrow();
        repo.update(photo.rejected("not an image", Instant.now()), PhotoStatus.PENDING);

        assertThat(parts(ALICE, photoId, "{\"uploadId\":\"" + uploadId + "\"}", 409).at("/error/code").asText())
                .isEqualTo("conflict");
        assertThat(complete(ALICE, photoId, uploadId, etags, 409).at("/error/code").asText())
                .isEqualTo("conflict");
        assertThat(store.head(key(ALICE, r))).isEmpty();
        assertThat(abort(ALICE, photoId, uploadId)).as("an abandoned upload can still be cleaned up").isEqualTo(204);
    }

    @Test
    void a_long_plan_gets_its_first_100_part_urls_and_the_rest_on_request() throws Exception {
        int count = 150;
        List<String> declared = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            declared.add(part(5L * MIB, Sha256.hex(new byte[] {(byte) i})));
        }
        declared.add(part(1, Sha256.hex(new byte[] {0})));
        long size = (count - 1) * 5L * MIB + 1;
        JsonNode r = upload(ALICE, entry("long.jpg", size, String.format("%064x", 42),
                "[" + String.join(",", declared) + "]")).get(0);
        String photoId = r.get("photoId").asText();
        String uploadId = r.at("/multipart/uploadId").asText();

        assertThat(r.at("/multipart/partCount").asInt()).isEqualTo(count);
        assertThat(r.at("/multipart/parts")).hasSize(100);
        assertThat(r.at("/multipart/parts/99/partNumber").asInt()).isEqualTo(100);

        List<String> rest = new ArrayList<>();
        for (int i = 101; i <= count; i++) {
            rest.add("{\"partNumber\":" + i + ",\"size\":" + (i == count ? 1 : 5L * MIB) + ",\"sha256\":\""
                    + Sha256.hex(new byte[] {(byte) (i == count ? 0 : i)}) + "\"}");
        }
        JsonNode more = parts(ALICE, photoId, "{\"uploadId\":\"" + uploadId + "\",\"parts\":["
                + String.join(",", rest) + "]}", 200);
        assertThat(more.get("parts")).hasSize(50);
        assertThat(more.at("/parts/49/headers/content-length").asText()).isEqualTo("1");
        assertThat(more.get("uploaded")).isEmpty();

        List<String> tooMany = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            tooMany.add("{\"partNumber\":" + i + ",\"size\":1,\"sha256\":\"" + String.format("%064x", i) + "\"}");
        }
        assertThat(parts(ALICE, photoId, "{\"uploadId\":\"" + uploadId + "\",\"parts\":["
                + String.join(",", tooMany) + "]}", 400).at("/error/code").asText()).isEqualTo("too_many_parts");
        assertThat(abort(ALICE, photoId, uploadId)).isEqualTo(204);
    }

    @Test
    void a_broken_plan_rejects_the_entry_with_a_code_and_records_nothing() throws Exception {
        String sha = String.format("%064x", 7);
        String partSha = String.format("%064x", 8);
        List<String> tenThousandAndOne = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tenThousandAndOne.add(part(1, partSha));
        }
        long sixGiB = 6L * 1024 * MIB;

        JsonNode results = upload(ALICE,
                entry("small.jpg", 5L * MIB + 9, sha, "[" + part(5L * MIB - 1, partSha) + "," + part(10, partSha)
                        + "]"),
                entry("sum.jpg", 5L * MIB + 11, sha, "[" + part(5L * MIB, partSha) + "," + part(10, partSha) + "]"),
                entry("many.jpg", 10_001, sha, "[" + String.join(",", tenThousandAndOne) + "]"),
                entry("huge-part.jpg", sixGiB, sha, "[" + part(sixGiB, partSha) + "]"),
                entry("bad-sha.jpg", 10, sha, "[" + part(10, "xyz") + "]"),
                entry("no-parts.jpg", 10, sha, "[]"),
                entry("too-big.jpg", 51L * 1024 * 1024 * MIB, sha, "[" + part(1, partSha) + "]"),
                entry("one-put.jpg", 10_001, sha, null));

        assertThat(results).extracting(n -> n.get("status").asText()).containsOnly("rejected");
        assertThat(results).extracting(n -> n.at("/error/code").asText()).containsExactly("part_too_small",
                "parts_size_mismatch", "too_many_parts", "part_too_large", "invalid_sha256", "invalid_parts",
                "too_large", "too_large");
        assertThat(results.at("/0/error/message").asText()).contains("part 1");
        assertThat(results.at("/4/error/message").asText()).contains("part 1");
        assertThat(results.at("/7/error/message").asText()).contains("parts");
        assertThat(repo.list(ALICE, null, 100, null).items()).isEmpty();
    }

    @Test
    void a_single_part_plan_and_a_plan_for_a_small_file_are_fine() throws Exception {
        byte[] tiny = random(10);
        JsonNode r = upload(ALICE, entry("tiny.jpg", 10, Sha256.hex(tiny), "[" + part(10, Sha256.hex(tiny)) + "]"))
                .get(0);

        assertThat(r.get("status").asText()).isEqualTo("multipart");
        String etag = sendOk(r.at("/multipart/parts/0"), tiny);
        complete(ALICE, r.get("photoId").asText(), r.at("/multipart/uploadId").asText(), List.of(etag), 200);
        try (InputStream in = store.open(key(ALICE, r)).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(tiny);
        }
    }

    @Test
    void content_the_owner_has_is_a_duplicate_even_when_declared_in_parts() throws Exception {
        TwoParts file = twoParts();
        Photo ready = Photo.pending(ALICE, "01938f3c-0000-7000-8000-000000000001", "old", "big.jpg", "image/jpeg",
                file.size(), file.sha256(), Instant.now()).ready("image/jpeg", 1, 1, null, null, List.of(),
                Instant.now());
        repo.put(ready);

        JsonNode results = upload(ALICE, entry("again.jpg", file.size(), file.sha256(), file.partsJson()));

        assertThat(results.at("/0/status").asText()).isEqualTo("duplicate");
        assertThat(results.at("/0/photoId").asText()).isEqualTo(ready.photoId());
        assertThat(results.get(0).has("multipart")).isFalse();
    }

    @Test
    void the_short_constructor_needs_a_store_that_does_multipart_uploads() {
        ObjectStore plain = new InMemoryObjectStore();

        assertThatThrownBy(() -> new ApiHandler(config, repo, plain, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_config_publishes_the_multipart_limits() throws Exception {
        JsonNode body = call(ApiEvents.load("api-get-config-public.json"), 200);

        assertThat(body.get("maxUploadBytes").asLong()).isEqualTo(10_000);
        assertThat(body.get("maxMultipartBytes").asLong()).isEqualTo(50L * 1024 * 1024 * 1024);
        assertThat(body.get("minPartBytes").asLong()).isEqualTo(5L * MIB);
        assertThat(body.get("maxPartBytes").asLong()).isEqualTo(5L * 1024 * MIB);
        assertThat(body.get("maxParts").asInt()).isEqualTo(10_000);
        assertThat(body.get("maxPartsPerRequest").asInt()).isEqualTo(100);
    }

    @Test
    void malformed_requests_for_uploads_in_progress_are_400_or_404() throws Exception {
        TwoParts file = twoParts();
        JsonNode r = plan(ALICE, file);
        String photoId = r.get("photoId").asText();
        String uploadId = r.at("/multipart/uploadId").asText();

        assertThat(parts(ALICE, photoId, "{}", 400).at("/error/code").asText()).isEqualTo("invalid_request");
        assertThat(parts(ALICE, photoId, "{\"uploadId\":\"" + uploadId + "\",\"parts\":[{\"partNumber\":0,"
                + "\"size\":1,\"sha256\":\"" + String.format("%064x", 1) + "\"}]}", 400).at("/error/code").asText())
                .isEqualTo("invalid_parts");
        assertThat(parts(ALICE, photoId, "{\"uploadId\":\"bad id\"}", 404).at("/error/code").asText())
                .isEqualTo("no_such_upload");
        assertThat(parts(ALICE, "not-an-id", "{\"uploadId\":\"x\"}", 404).at("/error/code").asText())
                .isEqualTo("not_found");
        assertThat(call(ApiEvents.as(ALICE, "GET", "/uploads/" + photoId + "/parts", null, null), 405)
                .at("/error/code").asText()).isEqualTo("method_not_allowed");
        assertThat(call(ApiEvents.as(ALICE, "POST", "/uploads/" + photoId + "/other", null, "{}"), 404)
                .at("/error/code").asText()).isEqualTo("no_route");
        assertThat(handler.handleRequest(ApiEvents.as(ALICE, "DELETE", "/uploads/" + photoId, null, null), null)
                .getStatusCode()).isEqualTo(400);
        assertThat(abort(ALICE, photoId, uploadId)).isEqualTo(204);
    }
}
