package dev.photo.cli.client;

import dev.photo.contract.AdminStats;
import dev.photo.contract.AlbumList;
import dev.photo.contract.BackendInfo;
import dev.photo.contract.CompleteRequest;
import dev.photo.contract.CompleteResponse;
import dev.photo.contract.CreateUserRequest;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.MovePhotoRequest;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoPage;
import dev.photo.contract.PhotoQuery;
import dev.photo.contract.RenameAlbumRequest;
import dev.photo.contract.RenameAlbumResponse;
import dev.photo.contract.ReprocessJobInfo;
import dev.photo.contract.ReprocessRequest;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UserInfo;
import dev.photo.contract.UserPage;
import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The photo HTTP API (docs/api.md). Retries network errors and 5xx answers with back-off, renews the token once on
 * 401, and turns error answers into {@link ApiException}s carrying the API's own message.
 */
public final class ApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    /** Throttling (API Gateway's 429) and server trouble: worth another try after a pause. */
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final Http http;
    private final AccessTokens tokens;
    private final RetryPolicy retry;
    private BackendInfo config;

    public ApiClient(URI baseUrl, Http http, AccessTokens tokens, RetryPolicy retry) {
        String base = EndpointPolicy.require(baseUrl, "the API URL").toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = http;
        this.tokens = tokens;
        this.retry = retry;
    }

    /**
     * This client retrying as {@code retry} says (an upload's {@code --retries}), sharing the connections, the
     * tokens and what {@code /config} said.
     */
    public synchronized ApiClient withRetry(RetryPolicy retry) {
        ApiClient copy = new ApiClient(URI.create(baseUrl), http, tokens, retry);
        copy.config = config;
        return copy;
    }

    /** {@code GET /config}, the one public route; asked once per command, as it does not change meanwhile. */
    public synchronized BackendInfo config() throws InterruptedException {
        if (config == null) {
            config = call("GET", "/config", null, BackendInfo.class, false);
        }
        return config;
    }

    public UploadBatchResponse requestUploads(UploadBatchRequest request) throws InterruptedException {
        return call("POST", "/uploads", request, UploadBatchResponse.class, true);
    }

    /**
     * {@code POST /uploads/{photoId}/parts}: URLs for up to 100 parts of a multipart upload, and the parts the server
     * already holds (ask with no parts to learn only that, when resuming).
     */
    public PartsResponse requestParts(String photoId, PartsRequest request) throws InterruptedException {
        return call("POST", "/uploads/" + encode(photoId) + "/parts", request, PartsResponse.class, true,
                REQUEST_TIMEOUT);
    }

    /**
     * {@code POST /uploads/{photoId}/complete}. Safe to repeat. The server joins the parts, which on some servers
     * copies the whole file: {@code timeout} should grow with the file's size.
     */
    public CompleteResponse completeUpload(String photoId, CompleteRequest request, Duration timeout)
            throws InterruptedException {
        return call("POST", "/uploads/" + encode(photoId) + "/complete", request, CompleteResponse.class, true,
                timeout);
    }

    /** {@code DELETE /uploads/{photoId}?uploadId=...}: gives the multipart upload up. */
    public void abortUpload(String photoId, String uploadId) throws InterruptedException {
        call("DELETE", "/uploads/" + encode(photoId) + queryString(Map.of("uploadId", uploadId)), null, Void.class,
                true, REQUEST_TIMEOUT);
    }

    /** One page of the caller's photos, newest first; {@code album} and {@code cursor} may be null. */
    public PhotoPage listPhotos(String album, int limit, String cursor) throws InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        if (album != null) {
            query.put("album", album);
        }
        query.put("limit", Integer.toString(limit));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return call("GET", "/photos" + queryString(query), null, PhotoPage.class, true);
    }

    /**
     * One page of the caller's photos that {@code filters} keeps ({@code status}, {@code since}, {@code until},
     * {@code by} of {@link dev.photo.contract.PhotoQuery}, each left out when null), newest first.
     */
    public PhotoPage listPhotos(String album, Map<String, String> filters, int limit, String cursor)
            throws InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        if (album != null) {
            query.put(PhotoQuery.ALBUM, album);
        }
        filters.forEach((name, value) -> {
            if (value != null) {
                query.put(name, value);
            }
        });
        query.put(PhotoQuery.LIMIT, Integer.toString(limit));
        if (cursor != null) {
            query.put(PhotoQuery.CURSOR, cursor);
        }
        return call("GET", "/photos" + queryString(query), null, PhotoPage.class, true);
    }

    /** {@code POST /photos/{photoId}/move}: the photo as it now is. */
    public PhotoInfo movePhoto(String photoId, String album) throws InterruptedException {
        return call("POST", "/photos/" + encode(photoId) + "/move", new MovePhotoRequest(album), PhotoInfo.class,
                true);
    }

    /** {@code DELETE /photos/{photoId}}: the original, its thumbnails and its record. */
    public void deletePhoto(String photoId) throws InterruptedException {
        call("DELETE", "/photos/" + encode(photoId), null, Void.class, true);
    }

    /** {@code POST /albums/{name}/rename}: one bounded step; call again until {@code done}. */
    public RenameAlbumResponse renameAlbum(String from, String to) throws InterruptedException {
        return call("POST", "/albums/" + encode(from) + "/rename", new RenameAlbumRequest(to),
                RenameAlbumResponse.class, true);
    }

    public PhotoDetails photo(String photoId) throws InterruptedException {
        return call("GET", "/photos/" + encode(photoId), null, PhotoDetails.class, true);
    }

    public AlbumList albums() throws InterruptedException {
        return call("GET", "/albums", null, AlbumList.class, true);
    }

    /** {@code POST /admin/reprocess}: admins only. */
    public ReprocessJobInfo reprocess(ReprocessRequest request) throws InterruptedException {
        return call("POST", "/admin/reprocess", request, ReprocessJobInfo.class, true);
    }

    /** {@code GET /admin/reprocess/{jobId}}: admins only. */
    public ReprocessJobInfo reprocessJob(String jobId) throws InterruptedException {
        return call("GET", "/admin/reprocess/" + encode(jobId), null, ReprocessJobInfo.class, true);
    }

    /** {@code GET /admin/stats}, one page of per-user counts: admins only. */
    public AdminStats adminStats(Integer limit, String cursor) throws InterruptedException {
        return call("GET", "/admin/stats" + pageQuery(limit, cursor), null, AdminStats.class, true);
    }

    /** {@code GET /admin/users}: admins only. */
    public UserPage users(Integer limit, String cursor) throws InterruptedException {
        return call("GET", "/admin/users" + pageQuery(limit, cursor), null, UserPage.class, true);
    }

    /** {@code POST /admin/users}: admins only. */
    public UserInfo addUser(CreateUserRequest request) throws InterruptedException {
        return call("POST", "/admin/users", request, UserInfo.class, true);
    }

    /** {@code POST /admin/users/{username}/ACTION} (disable, enable, promote, demote): admins only. */
    public UserInfo userAction(String username, String action) throws InterruptedException {
        return call("POST", "/admin/users/" + encode(username) + "/" + action, null, UserInfo.class, true);
    }

    private static String pageQuery(Integer limit, String cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        if (limit != null) {
            query.put("limit", String.valueOf(limit));
        }
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        return query.isEmpty() ? "" : queryString(query);
    }

    public URI baseUrl() {
        return URI.create(baseUrl);
    }

    private <T> T call(String method, String path, Object body, Class<T> type, boolean authenticated)
            throws InterruptedException {
        return call(method, path, body, type, authenticated, REQUEST_TIMEOUT);
    }

    private <T> T call(String method, String path, Object body, Class<T> type, boolean authenticated,
                       Duration timeout) throws InterruptedException {
        byte[] json = body == null ? null : toJson(body);
        String token = authenticated ? tokens.current() : null;
        Http.Response response = sendWithRetries(method, path, json, token, timeout);
        if (response.status() == 401 && authenticated) {
            LOG.debug("{} {} answered 401; renewing the token once", method, path);
            token = tokens.renew(token);
            response = sendWithRetries(method, path, json, token, timeout);
            if (response.status() == 401) {
                throw CliException.auth("the API refused the login; log in again with: photo login");
            }
        }
        if (response.status() >= 300) {
            throw error(response);
        }
        if (type == Void.class) {
            return null;
        }
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "unexpected answer from " + method + " " + path + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private Http.Response sendWithRetries(String method, String path, byte[] json, String token,
                                                 Duration timeout) throws InterruptedException {
        URI uri = URI.create(baseUrl + path);
        for (int attempt = 1; ; attempt++) {
            try {
                Http.Response response = http.send(method, uri, headers(json, token), json, timeout);
                LOG.debug("{} {} -> {}", method, uri.getPath(), response.status());
                if (!RETRYABLE.contains(response.status()) || !retry.canRetryAfter(attempt)) {
                    return response;
                }
            } catch (IOException e) {
                LOG.debug("{} {} failed", method, uri.getPath(), e);
                if (!retry.canRetryAfter(attempt)) {
                    throw CliException.unavailable("cannot reach the API at " + NetworkErrors.hostPort(uri) + " ("
                            + NetworkErrors.describe(e) + ")", e);
                }
            }
            retry.pause(attempt);
        }
    }

    private static Map<String, String> headers(byte[] json, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private static ApiException error(Http.Response response) {
        int status = response.status();
        String code = null;
        String message = null;
        try {
            JsonNode error = Json.mapper().readTree(response.body()).path("error");
            code = error.path("code").isTextual() ? error.path("code").asText() : null;
            message = error.path("message").isTextual() ? error.path("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            LOG.debug("error body of HTTP {} is not JSON", status);
        }
        if (status < 400) {
            // redirects are not followed: the bearer token would go along to wherever they point
            message = "the API answered a redirect (HTTP " + status + ") to "
                    + response.header("Location").orElse("nowhere")
                    + "; point the profile at the final URL with: photo configure --api-url URL";
        } else if (status == 429) {
            message = "the API is throttling requests (HTTP 429); try again later";
        } else if (message == null || message.isBlank()) {
            message = "the API answered HTTP " + status;
        } else if (status >= 500) {
            message = "the API failed: " + message + " (HTTP " + status + ")";
        }
        return new ApiException(status, code, message);
    }

    private static byte[] toJson(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((name, value) -> joiner.add(encode(name) + "=" + encode(value)));
        return joiner.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
