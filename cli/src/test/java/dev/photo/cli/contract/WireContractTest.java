package dev.photo.cli.contract;

import dev.photo.backend.fakes.InMemoryReprocessJobs;
import dev.photo.backend.fakes.InMemoryUserDirectory;
import dev.photo.backend.fakes.RecordingReprocessQueue;
import dev.photo.backend.port.AdminPorts;
import dev.photo.contract.AdminStats;
import dev.photo.contract.CreateUserRequest;
import dev.photo.contract.ReprocessJobInfo;
import dev.photo.contract.ReprocessRequest;
import dev.photo.contract.UserInfo;
import dev.photo.contract.UserPage;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Photo;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.Route;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;
import dev.photo.cli.Json;
import dev.photo.contract.AlbumList;
import dev.photo.contract.ApiLimits;
import dev.photo.contract.BackendInfo;
import dev.photo.contract.CompleteRequest;
import dev.photo.contract.CompleteResponse;
import dev.photo.contract.ErrorBody;
import dev.photo.contract.ErrorCode;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.MovePhotoRequest;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
import dev.photo.contract.RenameAlbumRequest;
import dev.photo.contract.RenameAlbumResponse;
import dev.photo.contract.PhotoStatus;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UploadFileRequest;
import dev.photo.contract.UploadResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client and server cannot drift: every body the real ApiHandler writes, on every route and for errors, is read
 * back with the client's own mapper into the contract's records, and writing those records again gives the same
 * JSON, so no field is lost, renamed or retyped on the way.
 */
class WireContractTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final String READY_ID = "0190c6a4-0000-7000-8000-000000000001";
    private static final String REJECTED_ID = "0190c6a4-0000-7000-8000-000000000002";

    private final InMemoryPhotoRepository repo = new InMemoryPhotoRepository();
    private final InMemoryObjectStore store = new InMemoryObjectStore(Clock.fixed(NOW, ZoneOffset.UTC));
    private final InMemoryUserDirectory users = new InMemoryUserDirectory();
    private final ApiHandler handler = new ApiHandler(BackendConfig.of("eu-west-1", "bucket", "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/")), repo, store, new HeldParts(),
            new AdminPorts(users, new InMemoryReprocessJobs(), new RecordingReprocessQueue()),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final Set<Route> answered = new LinkedHashSet<>();

    @Test
    void every_success_body_reads_back_into_the_clients_records_unchanged() throws Exception {
        seed();

        roundTrip(call("GET", "/config", null, false), 200, BackendInfo.class);
        UploadBatchResponse batch = roundTrip(call("POST", "/uploads", new UploadBatchRequest("trip", List.of(
                new UploadFileRequest("single.jpg", 1000, "image/jpeg", "1".repeat(64)),
                new UploadFileRequest("big.jpg", ApiLimits.MIN_PART_BYTES + 1, "image/jpeg", "2".repeat(64),
                        List.of(new UploadFileRequest.PartPlan(ApiLimits.MIN_PART_BYTES, "3".repeat(64)),
                                new UploadFileRequest.PartPlan(1, "4".repeat(64)))),
                new UploadFileRequest("again.jpg", 10, "image/jpeg", "a".repeat(64)),
                new UploadFileRequest("drawing.svg", 10, "image/svg+xml", "5".repeat(64)))), true),
                200, UploadBatchResponse.class);
        assertThat(batch.results()).extracting(UploadResult::status).containsExactly(
                UploadResult.UPLOAD, UploadResult.MULTIPART, UploadResult.DUPLICATE, UploadResult.REJECTED);
        roundTrip(call("POST", "/uploads", UploadBatchRequest.dryRun("trip", List.of(
                new UploadFileRequest("other.jpg", 1000, "image/jpeg", "6".repeat(64)))), true),
                200, UploadBatchResponse.class);

        UploadResult multipart = batch.results().get(1);
        String photoId = multipart.photoId();
        String uploadId = multipart.multipart().uploadId();
        PartsResponse parts = roundTrip(call("POST", "/uploads/" + photoId + "/parts", new PartsRequest(uploadId,
                List.of(new PartsRequest.Part(2, 1, "4".repeat(64)))), true), 200, PartsResponse.class);
        assertThat(parts.uploaded()).isNotEmpty();
        store.putBytes("originals/" + ALICE + "/" + photoId, new byte[0], "image/jpeg");
        CompleteResponse complete = roundTrip(call("POST", "/uploads/" + photoId + "/complete",
                new CompleteRequest(uploadId, List.of(new CompleteRequest.Part(1, "etag-1"),
                        new CompleteRequest.Part(2, "etag-2"))), true), 200, CompleteResponse.class);
        assertThat(complete.status()).isEqualTo(PhotoStatus.PENDING.name());
        noBody(call("DELETE", "/uploads/" + batch.results().get(0).photoId() + "?uploadId=" + uploadId, null, true));

        PhotoPage page = roundTrip(call("GET", "/photos", null, true), 200, PhotoPage.class);
        assertThat(page.photos()).extracting(p -> p.photoId()).contains(READY_ID, REJECTED_ID);
        PhotoDetails ready = roundTrip(call("GET", "/photos/" + READY_ID, null, true), 200, PhotoDetails.class);
        assertThat(ready.downloads().thumbnails()).containsOnlyKeys("256", "1024");
        PhotoDetails rejected = roundTrip(call("GET", "/photos/" + REJECTED_ID, null, true), 200,
                PhotoDetails.class);
        assertThat(rejected.photo().errorText()).isEqualTo("not an image");
        roundTrip(call("GET", "/albums", null, true), 200, AlbumList.class);
        PhotoPage filtered = roundTrip(call("GET", "/photos?status=READY&since=2026-01-01&until=2027-01-01"
                + "&by=taken&limit=10", null, true), 200, PhotoPage.class);
        assertThat(filtered.photos()).extracting(p -> p.photoId()).containsExactly(READY_ID);
        PhotoInfo moved = roundTrip(call("POST", "/photos/" + READY_ID + "/move", new MovePhotoRequest("archive"),
                true), 200, PhotoInfo.class);
        assertThat(moved.album()).isEqualTo("archive");
        RenameAlbumResponse renamed = roundTrip(call("POST", "/albums/archive/rename",
                new RenameAlbumRequest("trip"), true), 200, RenameAlbumResponse.class);
        assertThat(renamed.moved()).isEqualTo(1);
        noBody(call("DELETE", "/photos/" + REJECTED_ID, null, true));

        users.add("alice", ALICE, List.of("admins"));
        users.add("bob", "22222222-2222-4222-8222-222222222222", List.of());
        roundTrip(admin("POST", "/admin/reprocess", new ReprocessRequest(null, "trip", null, null, null, null, null,
                true)), 200, ReprocessJobInfo.class);
        ReprocessJobInfo job = roundTrip(admin("POST", "/admin/reprocess", new ReprocessRequest(List.of(READY_ID),
                null, "alice", "READY", null, null, null, null)), 202, ReprocessJobInfo.class);
        roundTrip(admin("GET", "/admin/reprocess/" + job.jobId(), null), 200, ReprocessJobInfo.class);
        AdminStats stats = roundTrip(admin("GET", "/admin/stats?limit=1", null), 200, AdminStats.class);
        assertThat(stats.users()).extracting(AdminStats.UserStats::username).containsExactly("alice");
        roundTrip(admin("GET", "/admin/users?limit=1", null), 200, UserPage.class);
        roundTrip(admin("POST", "/admin/users", new CreateUserRequest("carol", "carol@example.com", "Temporary-1",
                true)), 201, UserInfo.class);
        roundTrip(admin("GET", "/admin/users/carol", null), 200, UserInfo.class);
        for (String action : List.of("disable", "enable", "promote", "demote")) {
            roundTrip(admin("POST", "/admin/users/bob/" + action, null), 200, UserInfo.class);
        }

        assertThat(answered).as("every route of the table answered with success")
                .containsExactlyInAnyOrderElementsOf(handler.routes());
    }

    @Test
    void every_error_body_reads_back_with_a_code_of_the_contract() throws Exception {
        List<Response> errors = new ArrayList<>();
        errors.add(call("GET", "/nope", null, true));
        errors.add(call("PUT", "/albums", null, true));
        errors.add(call("GET", "/albums", null, false));
        errors.add(raw("POST", "/uploads", "{not json", true));
        errors.add(raw("POST", "/uploads", "{\"album\": 5, \"files\": []}", true));
        errors.add(raw("POST", "/uploads", "{\"album\": \"a/b\", \"files\": []}", true));
        errors.add(call("GET", "/photos?limit=many", null, true));
        errors.add(call("GET", "/photos?status=FAILED", null, true));
        errors.add(call("GET", "/photos?since=yesterday", null, true));
        errors.add(call("POST", "/photos/" + READY_ID + "/move", new MovePhotoRequest("a/b"), true));
        errors.add(call("POST", "/albums/none/rename", new RenameAlbumRequest("other"), true));
        errors.add(call("GET", "/photos/" + READY_ID, null, true));
        errors.add(call("DELETE", "/uploads/" + READY_ID + "?uploadId=x", null, true));
        errors.add(call("GET", "/admin/stats", null, true));
        errors.add(admin("POST", "/admin/reprocess", new ReprocessRequest(null, null, null, null, null, null, null,
                null)));
        errors.add(admin("GET", "/admin/reprocess/00000000-0000-4000-8000-000000000000", null));
        errors.add(admin("POST", "/admin/users", new CreateUserRequest("dave", null, "short", null)));

        for (Response error : errors) {
            assertThat(error.status()).as(error.body()).isBetween(400, 499);
            ErrorBody body = roundTrip(error, error.status(), ErrorBody.class);
            assertThat(ErrorCode.fromWire(body.error().code())).as(body.error().code()).isPresent();
            assertThat(body.error().message()).isNotBlank();
        }
    }

    private void seed() {
        repo.put(new Photo(ALICE, READY_ID, "trip", "a.jpg", "image/jpeg", 10, "a".repeat(64), PhotoStatus.READY,
                NOW, NOW.plusSeconds(2), 640, 480, Instant.parse("2026-07-01T08:00:00Z"), "Camera X",
                List.of(256, 1024), null));
        repo.put(new Photo(ALICE, REJECTED_ID, "home", "b.png", "image/png", 20, "b".repeat(64),
                PhotoStatus.REJECTED, NOW, NOW.plusSeconds(1), null, null, null, null, List.of(), "not an image"));
    }

    private record Response(String method, String path, int status, String body) {
    }

    private Response call(String method, String pathAndQuery, Object body, boolean signedIn) throws Exception {
        return raw(method, pathAndQuery, body == null ? null : Json.mapper().writeValueAsString(body), signedIn);
    }

    /** A call with the claims of a member of the admins group. */
    private Response admin(String method, String pathAndQuery, Object body) throws Exception {
        return raw(method, pathAndQuery, body == null ? null : Json.mapper().writeValueAsString(body), true, true);
    }

    private Response raw(String method, String pathAndQuery, String body, boolean signedIn) {
        return raw(method, pathAndQuery, body, signedIn, false);
    }

    private Response raw(String method, String pathAndQuery, String body, boolean signedIn, boolean admin) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> query = new HashMap<>();
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv[1]);
            }
        }
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        context.setHttp(http);
        context.setRequestId("req-1");
        if (signedIn) {
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt =
                    new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
            jwt.setClaims(admin ? Map.of("sub", ALICE, "cognito:groups", "[admins]") : Map.of("sub", ALICE));
            APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                    new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
            authorizer.setJwt(jwt);
            context.setAuthorizer(authorizer);
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setRequestContext(context);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setBody(body);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        if (response.getStatusCode() < 300) {
            handler.routes().stream()
                    .filter(r -> r.method().equals(method) && r.match(path).isPresent())
                    .findFirst().ifPresent(answered::add);
        }
        return new Response(method, path, response.getStatusCode(), response.getBody());
    }

    /** The body read by the client into {@code type}, after checking that nothing was lost in the reading. */
    private static <T> T roundTrip(Response response, int status, Class<T> type) throws Exception {
        assertThat(response.status()).as(response.method() + " " + response.path() + ": " + response.body())
                .isEqualTo(status);
        T read = Json.mapper().readValue(response.body(), type);
        JsonNode sent = Json.mapper().readTree(response.body());
        JsonNode again = Json.mapper().readTree(Json.mapper().writeValueAsString(read));
        assertThat(again).as(response.method() + " " + response.path()).isEqualTo(sent);
        return read;
    }

    private static void noBody(Response response) {
        assertThat(response.status()).as(response.method() + " " + response.path()).isEqualTo(204);
        assertThat(response.body()).isNull();
    }

    /** Multipart uploads that hold every part presigned so far, each with the ETag {@code etag-N}. */
    private static final class HeldParts implements MultipartUploads {

        private final Map<String, Map<Integer, Long>> parts = new ConcurrentHashMap<>();

        @Override
        public String create(String key, String contentType) {
            parts.put("upload-1", new ConcurrentHashMap<>());
            return "upload-1";
        }

        @Override
        public PresignedRequest presignPart(String key, String uploadId, int partNumber, long length,
                                            String sha256Hex, Duration ttl) {
            parts.get(uploadId).put(partNumber, length);
            return new PresignedRequest("PUT", URI.create("http://127.0.0.1:1/" + key + "?partNumber=" + partNumber
                    + "&X-Amz-Signature=sig"), Map.of("content-length", Long.toString(length)), NOW.plus(ttl));
        }

        @Override
        public List<UploadedPart> listParts(String key, String uploadId) {
            return parts.getOrDefault(uploadId, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new UploadedPart(e.getKey(), "etag-" + e.getKey(), e.getValue(), null)).toList();
        }

        @Override
        public void complete(String key, String uploadId, List<UploadedPart> held) {
        }

        @Override
        public void abort(String key, String uploadId) {
        }

        @Override
        public void abortAll(String key) {
        }
    }
}
