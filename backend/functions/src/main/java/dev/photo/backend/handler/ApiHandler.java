package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.photo.backend.core.AdminService;
import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.ApiException;
import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.MultipartService;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.backend.core.PhotoService;
import dev.photo.backend.core.UploadService;
import dev.photo.backend.core.Validation;
import dev.photo.backend.port.AdminPorts;
import dev.photo.backend.port.Metrics;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.contract.AlbumList;
import dev.photo.contract.ApiError;
import dev.photo.contract.ApiLimits;
import dev.photo.contract.BackendInfo;
import dev.photo.contract.CompleteRequest;
import dev.photo.contract.CompleteResponse;
import dev.photo.contract.CreateUserRequest;
import dev.photo.contract.ErrorBody;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.MovePhotoRequest;
import dev.photo.contract.PhotoPage;
import dev.photo.contract.PhotoQuery;
import dev.photo.contract.RenameAlbumRequest;
import dev.photo.contract.RenameAlbumResponse;
import dev.photo.contract.PhotoStatus;
import dev.photo.contract.ReprocessRequest;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UserPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lambda entry point for the HTTP API (API Gateway payload format 2.0); routes in docs/api.md. The owner of every
 * request is the {@code sub} claim that the JWT authorizer verified: no request field can name another owner.
 * Thin on purpose: it parses, calls a core service, and writes JSON back.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final BackendConfig config;
    private final UploadService uploads;
    private final MultipartService multipart;
    private final PhotoService photos;
    private final AdminService admin;
    private final List<Binding> bindings;
    private final Metrics metrics;

    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
                      AdminPorts admin, Clock clock) {
        this(config, photos, objects, multipart, admin, clock, Metrics.NONE, List.of());
    }

    /** @param metrics where {@code FilesPresigned} goes */
    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
                      AdminPorts admin, Clock clock, Metrics metrics) {
        this(config, photos, objects, multipart, admin, clock, metrics, List.of());
    }

    /** With {@code extra} routes after the table's: lets a test try access levels no production route uses yet. */
    ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
               AdminPorts admin, Clock clock, List<Binding> extra) {
        this(config, photos, objects, multipart, admin, clock, Metrics.NONE, extra);
    }

    private ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
                       AdminPorts admin, Clock clock, Metrics metrics, List<Binding> extra) {
        this.config = config;
        this.metrics = metrics;
        this.multipart = new MultipartService(config, photos, objects, multipart);
        this.uploads = new UploadService(config, photos, objects, this.multipart, clock);
        this.photos = new PhotoService(config, photos, objects, multipart, clock);
        this.admin = new AdminService(config, photos, objects, admin.users(), admin.jobs(), admin.queue(), clock);
        List<Binding> all = new ArrayList<>(table());
        all.addAll(extra);
        this.bindings = List.copyOf(all);
    }

    /**
     * For a store that also does multipart uploads, as {@link dev.photo.backend.aws.S3ObjectStore} does.
     *
     * @throws IllegalArgumentException if {@code objects} is not also a {@link MultipartUploads}
     */
    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, AdminPorts admin,
                      Clock clock) {
        this(config, photos, objects, multipartOf(objects), admin, clock);
    }

    private static MultipartUploads multipartOf(ObjectStore objects) {
        if (objects instanceof MultipartUploads m) {
            return m;
        }
        throw new IllegalArgumentException("the object store does not do multipart uploads; pass a MultipartUploads");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return route(event);
        } catch (ApiException e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            String requestId = requestId(event);
            LOG.error("request {} failed", requestId, e);
            return error(500, "internal", "internal error (request " + requestId + ")");
        }
    }

    /**
     * Every route of docs/api.md, one line each. A path that matches no pattern is 404 {@code no_route}; a path
     * that matches with another method is 405 {@code method_not_allowed}.
     */
    private List<Binding> table() {
        return List.of(
                bind("GET", "/config", Access.PUBLIC, this::getConfig),
                bind("POST", "/uploads", Access.USER, this::postUploads),
                bind("DELETE", "/uploads/{id}", Access.USER, this::abortUpload),
                bind("POST", "/uploads/{id}/parts", Access.USER, this::postParts),
                bind("POST", "/uploads/{id}/complete", Access.USER, this::completeUpload),
                bind("GET", "/photos", Access.USER, this::listPhotos),
                bind("GET", "/photos/{id}", Access.USER, this::getPhoto),
                bind("DELETE", "/photos/{id}", Access.USER, this::deletePhoto),
                bind("POST", "/photos/{id}/move", Access.USER, this::movePhoto),
                bind("GET", "/albums", Access.USER, this::listAlbums),
                bind("POST", "/albums/{name}/rename", Access.USER, this::renameAlbum),
                bind("POST", "/admin/reprocess", Access.ADMIN, this::postReprocess),
                bind("GET", "/admin/reprocess/{jobId}", Access.ADMIN, this::getReprocessJob),
                bind("GET", "/admin/stats", Access.ADMIN, this::getStats),
                bind("GET", "/admin/users", Access.ADMIN, this::listUsers),
                bind("POST", "/admin/users", Access.ADMIN, this::postUser),
                bind("GET", "/admin/users/{username}", Access.ADMIN, this::getUser),
                bind("POST", "/admin/users/{username}/disable", Access.ADMIN, call -> enable(call, false)),
                bind("POST", "/admin/users/{username}/enable", Access.ADMIN, call -> enable(call, true)),
                bind("POST", "/admin/users/{username}/promote", Access.ADMIN, call -> promote(call, true)),
                bind("POST", "/admin/users/{username}/demote", Access.ADMIN, call -> promote(call, false)));
    }

    /** Every route this handler serves, in table order: what an authorization test enumerates. */
    public List<Route> routes() {
        return bindings.stream().map(Binding::route).toList();
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();

        List<String> allowed = new ArrayList<>();
        for (Binding binding : bindings) {
            Optional<Map<String, String>> params = binding.route().match(path);
            if (params.isEmpty()) {
                continue;
            }
            if (!binding.route().method().equals(method)) {
                allowed.add(binding.route().method());
                continue;
            }
            Call call = new Call(event, authorize(binding.route().access(), event), params.get());
            return binding.endpoint().handle(call);
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "method_not_allowed", "use " + String.join(" or ", allowed) + " here");
        }
        throw new ApiException(404, "no_route", "no route for " + method + " " + printable(path));
    }

    /** The verified owner for USER and ADMIN routes ({@code null} on PUBLIC ones), after the access check. */
    private static String authorize(Access access, APIGatewayV2HTTPEvent event) {
        if (access == Access.PUBLIC) {
            return null;
        }
        String owner = owner(event);
        if (access == Access.ADMIN && !AdminGroups.isAdmin(claims(event))) {
            throw new ApiException(403, "forbidden", "this route is for members of the "
                    + AdminGroups.ADMIN_GROUP + " group");
        }
        return owner;
    }

    private APIGatewayV2HTTPResponse getConfig(Call call) {
        return json(200, new BackendInfo(config.region(), config.userPoolId(), config.clientId(),
                Objects.toString(config.cognitoEndpoint(), null), config.maxUploadBytes(), ApiLimits.MAX_BATCH,
                config.maxMultipartBytes(), ApiLimits.MIN_PART_BYTES, ApiLimits.MAX_PART_BYTES, ApiLimits.MAX_PARTS,
                ApiLimits.MAX_PARTS_PER_CALL, config.multipartThresholdBytes(), config.partBytes(),
                config.thumbnailSizes()));
    }

    private APIGatewayV2HTTPResponse postUploads(Call call) {
        UploadBatchRequest batch = readBody(call.event(), UploadBatchRequest.class);
        List<UploadService.DeclaredFile> files = batch.files() == null ? null
                : batch.files().stream().map(ApiJson::declared).toList();
        List<UploadService.Result> results = Boolean.TRUE.equals(batch.dryRun())
                ? uploads.dryRun(call.owner(), batch.album(), files)
                : uploads.presign(call.owner(), batch.album(), files);
        if (!Boolean.TRUE.equals(batch.dryRun())) {
            metrics.count("FilesPresigned", results.stream().filter(r -> r.outcome() == UploadService.Outcome.UPLOAD
                    || r.outcome() == UploadService.Outcome.MULTIPART).count());
        }
        return json(200, new UploadBatchResponse(results.stream().map(ApiJson::result).toList()));
    }

    private APIGatewayV2HTTPResponse abortUpload(Call call) {
        multipart.abort(call.owner(), call.param("id"), query(call.event()).get("uploadId"));
        return noContent();
    }

    private APIGatewayV2HTTPResponse postParts(Call call) {
        String id = call.param("id");
        PartsRequest request = readBody(call.event(), PartsRequest.class);
        return json(200, ApiJson.parts(id,
                multipart.presignParts(call.owner(), id, request.uploadId(), ApiJson.requested(request))));
    }

    private APIGatewayV2HTTPResponse completeUpload(Call call) {
        CompleteRequest request = readBody(call.event(), CompleteRequest.class);
        Photo photo = multipart.complete(call.owner(), call.param("id"), request.uploadId(), ApiJson.sent(request));
        return json(200, new CompleteResponse(photo.photoId(), photo.status().name()));
    }

    private APIGatewayV2HTTPResponse getPhoto(Call call) {
        return json(200, ApiJson.details(photos.get(call.owner(), call.param("id"))));
    }

    private APIGatewayV2HTTPResponse deletePhoto(Call call) {
        photos.delete(call.owner(), call.param("id"));
        return noContent();
    }

    private APIGatewayV2HTTPResponse movePhoto(Call call) {
        MovePhotoRequest request = readBody(call.event(), MovePhotoRequest.class);
        return json(200, ApiJson.listed(photos.move(call.owner(), call.param("id"), request.album())));
    }

    private APIGatewayV2HTTPResponse renameAlbum(Call call) {
        String from;
        try {
            from = PercentDecoding.decode(call.param("name"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_album", "the album name in the path is not well encoded");
        }
        RenameAlbumRequest request = readBody(call.event(), RenameAlbumRequest.class);
        AlbumRename step = photos.renameAlbum(call.owner(), from, request.to());
        return json(200, new RenameAlbumResponse(from, request.to(), step.moved(), step.done()));
    }

    private APIGatewayV2HTTPResponse listAlbums(Call call) {
        return json(200, new AlbumList(photos.albums(call.owner()).stream().map(ApiJson::album).toList()));
    }

    private APIGatewayV2HTTPResponse postReprocess(Call call) {
        ReprocessRequest request = readBody(call.event(), ReprocessRequest.class);
        PhotoStatus status = null;
        if (request.status() != null) {
            try {
                status = PhotoStatus.valueOf(request.status());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid_selector", "status must be one of "
                        + java.util.Arrays.toString(PhotoStatus.values()));
            }
        }
        AdminService.Selector selector = new AdminService.Selector(request.ids(), request.album(), request.owner(),
                status, Boolean.TRUE.equals(request.missingThumbnails()), request.thumbnailSize(),
                Boolean.TRUE.equals(request.all()));
        AdminService.Reprocessing result = admin.reprocess(selector, Boolean.TRUE.equals(request.dryRun()));
        return json(result.job() == null ? 200 : 202, AdminJson.job(result));
    }

    private APIGatewayV2HTTPResponse getReprocessJob(Call call) {
        return json(200, AdminJson.job(admin.job(call.param("jobId"))));
    }

    private APIGatewayV2HTTPResponse getStats(Call call) {
        Map<String, String> query = query(call.event());
        return json(200, AdminJson.stats(admin.stats(limit(query), query.get("cursor"))));
    }

    private APIGatewayV2HTTPResponse listUsers(Call call) {
        Map<String, String> query = query(call.event());
        Page<DirectoryUser> page = admin.users(limit(query), query.get("cursor"));
        return json(200, new UserPage(page.items().stream().map(AdminJson::user).toList(), page.nextCursor()));
    }

    private APIGatewayV2HTTPResponse postUser(Call call) {
        CreateUserRequest request = readBody(call.event(), CreateUserRequest.class);
        DirectoryUser user = admin.addUser(request.username(), request.email(), request.temporaryPassword(),
                Boolean.TRUE.equals(request.admin()));
        return json(201, AdminJson.user(user));
    }

    private APIGatewayV2HTTPResponse getUser(Call call) {
        return json(200, AdminJson.user(admin.user(username(call))));
    }

    private APIGatewayV2HTTPResponse enable(Call call, boolean enabled) {
        return json(200, AdminJson.user(admin.setEnabled(call.owner(), username(call), enabled)));
    }

    private APIGatewayV2HTTPResponse promote(Call call, boolean toAdmin) {
        return json(200, AdminJson.user(admin.setAdmin(call.owner(), username(call), toAdmin)));
    }

    /** The path carries the user name percent-encoded, since names may hold characters a path cannot. */
    private static String username(Call call) {
        try {
            return PercentDecoding.decode(call.param("username"));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_username", "the user name in the path is not well encoded");
        }
    }

    private static Integer limit(Map<String, String> query) {
        if (!query.containsKey("limit")) {
            return null;
        }
        try {
            return Integer.parseInt(query.get("limit"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("invalid_limit", "limit must be a whole number");
        }
    }

    private APIGatewayV2HTTPResponse listPhotos(Call call) {
        Map<String, String> query = query(call.event());
        for (String name : query.keySet()) {
            if (!PhotoQuery.PARAMETERS.contains(name)) {
                throw new BadRequestException("invalid_request", "unknown query parameter \"" + printable(name)
                        + "\"; GET /photos takes " + String.join(", ", new java.util.TreeSet<>(PhotoQuery.PARAMETERS)));
            }
        }
        Integer limit = limit(query);
        Page<Photo> page = photos.list(call.owner(), query.get(PhotoQuery.ALBUM), filter(query), limit,
                query.get(PhotoQuery.CURSOR));
        return json(200, new PhotoPage(page.items().stream().map(ApiJson::listed).toList(),
                page.nextCursor()));
    }

    /** The listing filter of {@code GET /photos}; a wrong value is a 400 naming its parameter. */
    private static PhotoFilter filter(Map<String, String> query) {
        PhotoStatus status = null;
        if (query.containsKey(PhotoQuery.STATUS)) {
            status = PhotoQuery.status(query.get(PhotoQuery.STATUS)).orElseThrow(() -> new BadRequestException(
                    "invalid_request", "status must be one of " + java.util.Arrays.toString(PhotoStatus.values())));
        }
        java.time.Instant since = null;
        if (query.containsKey(PhotoQuery.SINCE)) {
            since = PhotoQuery.since(query.get(PhotoQuery.SINCE)).orElseThrow(() -> badTime(PhotoQuery.SINCE));
        }
        java.time.Instant until = null;
        if (query.containsKey(PhotoQuery.UNTIL)) {
            until = PhotoQuery.until(query.get(PhotoQuery.UNTIL)).orElseThrow(() -> badTime(PhotoQuery.UNTIL));
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequestException("invalid_request", "since must be before until");
        }
        PhotoQuery.TimeField by = PhotoQuery.TimeField.taken;
        if (query.containsKey(PhotoQuery.BY)) {
            by = PhotoQuery.by(query.get(PhotoQuery.BY)).orElseThrow(() -> new BadRequestException(
                    "invalid_request", "by must be taken or uploaded"));
        }
        return new PhotoFilter(status, since, until, by);
    }

    private static BadRequestException badTime(String name) {
        return new BadRequestException("invalid_request", name
                + " must be an ISO-8601 date (2024-07-01) or instant (2024-07-01T09:00:00Z)");
    }

    /**
     * The verified {@code sub}. The authorizer guarantees one on every protected route; its absence means a
     * misconfigured route, which must fail closed.
     */
    private static String owner(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(claims(event).get("sub"))
                .filter(sub -> !sub.isBlank())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "a valid access token is required"));
    }

    /** The claims the JWT authorizer verified, as API Gateway passes them: every value a string. */
    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .orElse(Map.of());
    }

    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    private static <T> T readBody(APIGatewayV2HTTPEvent event, Class<T> type) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new BadRequestException("invalid_json", "request body is missing");
        }
        if (event.getIsBase64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid_json", "request body is not valid base64");
            }
        }
        try {
            T value = ApiJson.MAPPER.readValue(body, type);
            if (value == null) {
                throw new BadRequestException("invalid_json", "request body must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new BadRequestException("invalid_json", "request body is not valid JSON for this route");
            }
            throw new BadRequestException("invalid_request", fieldPath(e.getPath()) + " must be "
                    + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("invalid_json", "request body is not valid JSON for this route");
        }
    }

    /** {@code files[0].size}: where in the body the wrong value was, in the body's own names. */
    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(printable(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.length() == 0 ? "a field" : "\"" + out + "\"";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"))
                    .withBody(ApiJson.MAPPER.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    private static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of()).build();
    }

    private static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return json(status, new ErrorBody(new ApiError(code, message)));
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? "unknown" : event.getRequestContext().getRequestId();
    }

    static Binding bind(String method, String pattern, Access access, Endpoint endpoint) {
        return new Binding(new Route(method, pattern, access), endpoint);
    }

    /** What serves one route: the request in, the response out. */
    @FunctionalInterface
    interface Endpoint {
        APIGatewayV2HTTPResponse handle(Call call);
    }

    record Binding(Route route, Endpoint endpoint) {
    }

    /** One request on its way to an endpoint: the event, the verified owner (null on public routes), path values. */
    record Call(APIGatewayV2HTTPEvent event, String owner, Map<String, String> params) {

        String param(String name) {
            return params.get(name);
        }
    }

    private static String printable(String path) {
        return Validation.printableOrPlaceholder(path, 100, "(unprintable path)");
    }
}
