package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.photo.backend.core.ApiException;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.MultipartService;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoService;
import dev.photo.backend.core.UploadService;
import dev.photo.backend.core.Validation;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point for the HTTP API (API Gateway payload format 2.0); routes in docs/api.md. The owner of every
 * request is the {@code sub} claim that the JWT authorizer verified: no request field can name another owner.
 * Thin on purpose: it parses, calls a core service, and writes JSON back.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String PHOTOS_PREFIX = "/photos/";
    private static final String UPLOADS_PREFIX = "/uploads/";

    private final BackendConfig config;
    private final UploadService uploads;
    private final MultipartService multipart;
    private final PhotoService photos;

    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
                      Clock clock) {
        this.config = config;
        this.multipart = new MultipartService(config, photos, objects, multipart);
        this.uploads = new UploadService(config, photos, objects, this.multipart, clock);
        this.photos = new PhotoService(config, photos, objects, multipart, clock);
    }

    /**
     * For a store that also does multipart uploads, as {@link dev.photo.backend.aws.S3ObjectStore} does.
     *
     * @throws IllegalArgumentException if {@code objects} is not also a {@link MultipartUploads}
     */
    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        this(config, photos, objects, multipartOf(objects), clock);
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

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "" : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() == null ? "/" : event.getRawPath();

        if (path.equals("/config")) {
            requireMethod(method, "GET");
            return json(200, new ApiJson.ConfigBody(config.region(), config.userPoolId(), config.clientId(),
                    config.cognitoEndpoint(), config.maxUploadBytes(), UploadService.MAX_BATCH,
                    config.maxMultipartBytes(), MultipartService.MIN_PART_BYTES, MultipartService.MAX_PART_BYTES,
                    MultipartService.MAX_PARTS, MultipartService.MAX_PARTS_PER_CALL, config.multipartThresholdBytes(),
                    config.partBytes()));
        }
        if (path.equals("/uploads")) {
            requireMethod(method, "POST");
            return postUploads(owner(event), event);
        }
        if (path.startsWith(UPLOADS_PREFIX)) {
            return uploadInProgress(method, path.substring(UPLOADS_PREFIX.length()), event);
        }
        if (path.equals("/photos")) {
            requireMethod(method, "GET");
            return listPhotos(owner(event), query(event));
        }
        if (path.startsWith(PHOTOS_PREFIX) && path.indexOf('/', PHOTOS_PREFIX.length()) < 0) {
            String id = path.substring(PHOTOS_PREFIX.length());
            if (method.equals("GET")) {
                return json(200, ApiJson.PhotoDetail.of(photos.get(owner(event), id)));
            }
            requireMethod(method, "DELETE");
            photos.delete(owner(event), id);
            return noContent();
        }
        if (path.equals("/albums")) {
            requireMethod(method, "GET");
            return json(200, new ApiJson.Albums(photos.albums(owner(event))));
        }
        throw new ApiException(404, "no_route", "no route for " + method + " " + printable(path));
    }

    private APIGatewayV2HTTPResponse postUploads(String owner, APIGatewayV2HTTPEvent event) {
        ApiJson.UploadBatch batch = readBody(event, ApiJson.UploadBatch.class);
        List<UploadService.Result> results = batch.isDryRun()
                ? uploads.dryRun(owner, batch.album(), batch.files())
                : uploads.presign(owner, batch.album(), batch.files());
        return json(200, new ApiJson.UploadResults(results.stream().map(ApiJson.UploadResultBody::of).toList()));
    }

    /** {@code /uploads/{photoId}}, {@code /uploads/{photoId}/parts} and {@code /uploads/{photoId}/complete}. */
    private APIGatewayV2HTTPResponse uploadInProgress(String method, String rest, APIGatewayV2HTTPEvent event) {
        String[] segments = rest.split("/", -1);
        String id = segments[0];
        if (segments.length == 1) {
            requireMethod(method, "DELETE");
            multipart.abort(owner(event), id, query(event).get("uploadId"));
            return noContent();
        }
        if (segments.length == 2 && segments[1].equals("parts")) {
            requireMethod(method, "POST");
            String owner = owner(event);
            ApiJson.PartsRequest request = readBody(event, ApiJson.PartsRequest.class);
            return json(200, ApiJson.PartsResponse.of(id,
                    multipart.presignParts(owner, id, request.uploadId(), request.parts())));
        }
        if (segments.length == 2 && segments[1].equals("complete")) {
            requireMethod(method, "POST");
            String owner = owner(event);
            ApiJson.CompleteRequest request = readBody(event, ApiJson.CompleteRequest.class);
            Photo photo = multipart.complete(owner, id, request.uploadId(), request.parts());
            return json(200, new ApiJson.CompleteResponse(photo.photoId(), photo.status().name()));
        }
        throw new ApiException(404, "no_route", "no route for " + method + " " + printable(UPLOADS_PREFIX + rest));
    }

    private APIGatewayV2HTTPResponse listPhotos(String owner, Map<String, String> query) {
        Integer limit = null;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                throw new BadRequestException("invalid_limit", "limit must be a whole number");
            }
        }
        Page<Photo> page = photos.list(owner, query.get("album"), limit, query.get("cursor"));
        return json(200, new ApiJson.PhotoPage(page.items().stream().map(ApiJson.PhotoBody::listed).toList(),
                page.nextCursor()));
    }

    /**
     * The verified {@code sub}. The authorizer guarantees one on every protected route; its absence means a
     * misconfigured route, which must fail closed.
     */
    private static String owner(APIGatewayV2HTTPEvent event) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(claims -> claims.get("sub"))
                .filter(sub -> !sub.isBlank())
                .orElseThrow(() -> new ApiException(401, "unauthorized", "a valid access token is required"));
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
        } catch (JsonProcessingException e) {
            throw new BadRequestException("invalid_json", "request body is not valid JSON for this route");
        }
    }

    private static void requireMethod(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new ApiException(405, "method_not_allowed", "use " + expected + " here");
        }
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
        return json(status, ApiJson.ErrorBody.of(code, message));
    }

    private static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getRequestId() == null
                ? "unknown" : event.getRequestContext().getRequestId();
    }

    private static String printable(String path) {
        return Validation.printableOrPlaceholder(path, 100, "(unprintable path)");
    }
}
