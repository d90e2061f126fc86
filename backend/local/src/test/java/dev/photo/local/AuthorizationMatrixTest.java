package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.handler.Access;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.Route;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static dev.photo.local.StackClient.HTTP;
import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, tried over real HTTP against the local stack (its JWT-verifying API adapter, its Cognito-compatible
 * issuer, its S3 server): every route of the running {@link ApiHandler}'s table with every kind of bad token, every
 * route that takes an id with another user's id, every admin route with a non-admin, every kind of presigned URL
 * tampered with. Each attempt gets its documented status and changes nothing: the photo table and every file of the
 * bucket are read before and after. A route added to the table without a case here fails
 * {@link #every_route_and_url_kind_has_a_case}.
 */
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** USER routes with an id and the attempt of user B on user A's resource there: method and path, body. */
    private static final Map<String, CrossUser> CROSS_USER = new LinkedHashMap<>();

    /** Every kind of presigned URL the API hands out, by the JSON field that carries it. */
    enum UrlKind { SINGLE_PUT, PART_PUT, GET_ORIGINAL, GET_THUMBNAIL }

    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static StackClient client;
    private static ApiHandler served;
    private static S3ObjectStore store;
    private static RSAKey poolKey;
    private static Tokens alice;
    private static Tokens bob;
    private static String alicePhoto;
    private static String aliceMultipartPhoto;
    private static String aliceUploadId;
    private static JsonNode alicePartUrl;
    private static String aliceCursor;
    private static JsonNode aliceDetail;
    private static final Map<UrlKind, List<String>> urlsSeen = new TreeMap<>();

    record Tokens(String access, String id, String refresh, String sub) { }

    record CrossUser(String method, Function<String, String> path, Function<String, String> body, int status) { }

    @BeforeAll
    static void start() throws Exception {
        BackendFunctions real = BackendFunctions.real();
        stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir), BackendFunctions.of((config, photos, objects, admin) -> {
            served = (ApiHandler) real.api(config, photos, objects, admin);
            return served;
        }, real::processor));
        client = new StackClient(stack.endpoints());
        LocalEndpoints e = stack.endpoints();
        store = S3ObjectStore.forEndpoint(e.s3(), e.region(), e.s3AccessKey(), e.s3SecretKey(), e.bucket());
        poolKey = RSAKey.parse(Files.readString(dataDir.resolve(LocalStack.SIGNING_KEY_FILE)));
        LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
        alice = login(admin.username(), admin.password());
        stack.createUser("bob", "bob-password-123", List.of());
        bob = login("bob", "bob-password-123");

        // alice: one READY photo, one multipart upload in progress (a one-part plan), so a cursor exists
        byte[] image = jpeg(640, 480, Color.BLUE);
        JsonNode single = client.presign(alice.access(), "alice-album", "a.jpg", image);
        record(single);
        alicePhoto = single.get("photoId").asText();
        assertThat(put(single.get("upload"), image)).isEqualTo(200);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
        aliceDetail = ok(client.api(alice.access(), "GET", "/photos/" + alicePhoto, null));
        assertThat(aliceDetail.at("/photo/status").asText()).isEqualTo("READY");
        record(aliceDetail);

        byte[] big = jpeg(700, 500, Color.RED);
        ObjectNode body = JSON.createObjectNode().put("album", "alice-album");
        ObjectNode file = body.putArray("files").addObject().put("name", "b.jpg").put("size", big.length)
                .put("contentType", "image/jpeg").put("sha256", Sha256.hex(big));
        file.putArray("parts").addObject().put("size", big.length).put("sha256", Sha256.hex(big));
        JsonNode multipart = ok(client.api(alice.access(), "POST", "/uploads", body.toString())).at("/results/0");
        assertThat(multipart.get("status").asText()).isEqualTo("multipart");
        record(multipart);
        aliceMultipartPhoto = multipart.get("photoId").asText();
        aliceUploadId = multipart.at("/multipart/uploadId").asText();
        alicePartUrl = multipart.at("/multipart/parts/0");

        aliceCursor = ok(client.api(alice.access(), "GET", "/photos?limit=1", null)).get("nextCursor").asText();
        assertThat(aliceCursor).isNotBlank();

        String upload = "{\"uploadId\":\"" + aliceUploadId + "\"}";
        CROSS_USER.put("DELETE /uploads/{id}", new CrossUser("DELETE",
                id -> "/uploads/" + aliceMultipartPhoto + "?uploadId=" + enc(aliceUploadId), id -> null, 404));
        CROSS_USER.put("POST /uploads/{id}/parts", new CrossUser("POST",
                id -> "/uploads/" + aliceMultipartPhoto + "/parts", id -> upload, 404));
        CROSS_USER.put("POST /uploads/{id}/complete", new CrossUser("POST",
                id -> "/uploads/" + aliceMultipartPhoto + "/complete",
                id -> "{\"uploadId\":\"" + aliceUploadId + "\",\"parts\":[{\"partNumber\":1,\"etag\":\"x\"}]}", 404));
        CROSS_USER.put("GET /photos/{id}", new CrossUser("GET", id -> "/photos/" + alicePhoto, id -> null, 404));
        CROSS_USER.put("DELETE /photos/{id}", new CrossUser("DELETE", id -> "/photos/" + alicePhoto, id -> null, 404));
        CROSS_USER.put("POST /photos/{id}/move", new CrossUser("POST", id -> "/photos/" + alicePhoto + "/move",
                id -> "{\"album\":\"bobs\"}", 404));
        CROSS_USER.put("POST /albums/{id}/rename", new CrossUser("POST", id -> "/albums/alice-album/rename",
                id -> "{\"to\":\"bobs\"}", 404));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void every_route_and_url_kind_has_a_case() {
        assertThat(served.routes()).isNotEmpty();
        for (Route route : served.routes()) {
            if (route.access() == Access.USER && route.pattern().contains("{")) {
                assertThat(CROSS_USER).as("a cross-user case for %s %s", route.method(), route.pattern())
                        .containsKey(key(route));
            }
        }
        assertThat(urlsSeen.keySet()).as("every kind of presigned URL was handed out and is tried below")
                .containsExactlyInAnyOrder(UrlKind.values());
    }

    @Test
    void every_protected_route_refuses_every_bad_token_with_401_and_changes_nothing() throws Exception {
        Map<String, String> bad = badTokens();
        String before = snapshot();
        int tried = 0;
        for (Route route : served.routes()) {
            for (Map.Entry<String, String> token : bad.entrySet()) {
                HttpResponse<String> response = call(route, token.getValue());
                if (route.access() == Access.PUBLIC) {
                    assertThat(response.statusCode()).as("%s with %s", key(route), token.getKey()).isEqualTo(200);
                } else {
                    assertThat(response.statusCode()).as("%s with %s: %s", key(route), token.getKey(),
                            response.body()).isEqualTo(401);
                    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
                }
                tried++;
            }
        }
        assertThat(tried).isEqualTo(served.routes().size() * bad.size());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void another_user_on_each_route_that_takes_an_id_gets_404_and_changes_nothing() throws Exception {
        String before = snapshot();
        for (Map.Entry<String, CrossUser> c : CROSS_USER.entrySet()) {
            CrossUser attempt = c.getValue();
            HttpResponse<String> response = client.api(bob.access(), attempt.method(),
                    attempt.path().apply(alicePhoto), attempt.body().apply(alicePhoto));
            assertThat(response.statusCode()).as("bob on alice's %s: %s", c.getKey(), response.body())
                    .isEqualTo(attempt.status());
        }
        // the listing routes take no id: bob's view holds nothing of alice's, and alice's cursor is not his
        assertThat(ok(client.api(bob.access(), "GET", "/photos", null)).get("photos")).isEmpty();
        assertThat(ok(client.api(bob.access(), "GET", "/albums", null)).toString()).doesNotContain("alice-album");
        HttpResponse<String> cursor = client.api(bob.access(), "GET", "/photos?limit=1&cursor=" + enc(aliceCursor),
                null);
        assertThat(cursor.statusCode()).isEqualTo(400);
        assertThat(cursor.body()).contains("invalid_cursor");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_request_body_cannot_name_another_owner() throws Exception {
        byte[] image = jpeg(100, 90, Color.CYAN);
        ObjectNode body = JSON.createObjectNode().put("album", "alice-album").put("owner", alice.sub())
                .put("sub", alice.sub());
        body.putArray("files").addObject().put("name", "x.jpg").put("size", image.length)
                .put("contentType", "image/jpeg").put("sha256", Sha256.hex(image)).put("owner", alice.sub());
        JsonNode result = ok(client.api(bob.access(), "POST", "/uploads", body.toString())).at("/results/0");
        String id = result.get("photoId").asText();
        assertThat(client.api(alice.access(), "GET", "/photos/" + id, null).statusCode()).isEqualTo(404);
        assertThat(client.api(bob.access(), "GET", "/photos/" + id, null).statusCode()).isEqualTo(200);
        assertThat(result.at("/upload/url").asText()).doesNotContain(alice.sub()).contains(bob.sub());
        assertThat(client.api(bob.access(), "DELETE", "/photos/" + id, null).statusCode()).isEqualTo(204);
    }

    @Test
    void an_id_token_reaches_only_its_own_users_records_as_api_gateway_accepts_it() throws Exception {
        // API Gateway's JWT authorizer takes an ID token whose aud is the app client as it takes an access token;
        // what matters is that the owner still comes from the verified sub
        assertThat(client.api(bob.id(), "GET", "/photos/" + alicePhoto, null).statusCode()).isEqualTo(404);
        assertThat(client.api(alice.id(), "GET", "/photos/" + alicePhoto, null).statusCode()).isEqualTo(200);
    }

    @Test
    void an_access_or_id_token_is_no_refresh_token_and_a_refresh_token_is_no_bearer_token() throws Exception {
        for (String notRefresh : List.of(alice.access(), alice.id())) {
            ObjectNode body = JSON.createObjectNode().put("AuthFlow", "REFRESH_TOKEN_AUTH")
                    .put("ClientId", stack.clientId());
            body.putObject("AuthParameters").put("REFRESH_TOKEN", notRefresh);
            HttpResponse<String> response = cognito("InitiateAuth", body.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("NotAuthorizedException");
        }
        assertThat(client.api(alice.refresh(), "GET", "/photos", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_non_admin_on_every_admin_route_gets_403_and_changes_nothing() throws Exception {
        // the admin routes are found by their access flag; docs/api.md's table must mark the same ones
        List<String> documented = Files.readAllLines(Path.of("../../docs/api.md")).stream()
                .filter(line -> line.matches("\\| [A-Z]+ \\| `/[^`]*` \\| admin[^|]* \\|"))
                .map(line -> line.split("\\|")[1].trim() + " " + line.split("`")[1].replaceAll("\\{[^}]+}", "{id}"))
                .toList();
        assertThat(served.routes().stream().filter(r -> r.access() == Access.ADMIN).map(r -> key(r)).toList())
                .containsExactlyInAnyOrderElementsOf(documented);
        String before = snapshot();
        for (Route route : served.routes()) {
            if (route.access() == Access.ADMIN) {
                HttpResponse<String> response = call(route, bob.access());
                assertThat(response.statusCode()).as("%s as bob: %s", key(route), response.body()).isEqualTo(403);
                assertThat(response.body()).contains("forbidden");
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void tampered_presigned_urls_of_every_kind_are_refused_by_the_s3_server_and_store_nothing() throws Exception {
        String before = snapshot();
        byte[] image = jpeg(64, 48, Color.BLACK);
        for (UrlKind kind : UrlKind.values()) {
            for (String url : urlsSeen.get(kind)) {
                String method = kind == UrlKind.SINGLE_PUT || kind == UrlKind.PART_PUT ? "PUT" : "GET";
                URI forged = URI.create(flipSignature(url));
                assertThat(send(method, forged, image)).as("%s with an altered signature", kind).isEqualTo(403);
                URI elsewhere = URI.create(url.replace(alicePhoto, aliceMultipartPhoto + "x")
                        .replace(aliceMultipartPhoto + "?", alicePhoto + "?"));
                assertThat(elsewhere).isNotEqualTo(URI.create(url));
                assertThat(send(method, elsewhere, image)).as("%s used for another key", kind).isEqualTo(403);
            }
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void presigned_urls_past_their_expiry_are_refused() throws Exception {
        // Three seconds of validity, so that a loaded machine still reaches the first GET in time; the sleep is
        // measured from the signing, which is what the expiry counts from (in whole seconds).
        Duration validity = Duration.ofSeconds(3);
        long signedAt = System.nanoTime();
        String original = "originals/" + alice.sub() + "/" + alicePhoto;
        URI get = store.presignGet(original, "a.jpg", validity);
        byte[] image = jpeg(64, 48, Color.PINK);
        PresignedRequest putUrl = store.presignPut("originals/" + alice.sub() + "/expired-probe", image.length,
                "image/jpeg", Sha256.hex(image), validity);
        assertThat(send("GET", get, null)).as("still valid").isEqualTo(200);
        String before = snapshot();
        long expiredAfter = signedAt + validity.plusMillis(1_200).toNanos();
        Thread.sleep(Math.max(0, (expiredAfter - System.nanoTime()) / 1_000_000));
        assertThat(send("GET", get, null)).isEqualTo(403);
        HttpRequest.Builder b = HttpRequest.newBuilder(putUrl.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(image));
        putUrl.headers().forEach((k, v) -> {
            if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("host")) {
                b.header(k, v);
            }
        });
        assertThat(HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void a_signed_put_takes_only_its_own_bytes_once() throws Exception {
        byte[] image = jpeg(300, 200, Color.MAGENTA);
        JsonNode result = client.presign(alice.access(), "alice-album", "once.jpg", image);
        JsonNode upload = result.get("upload");
        String before = snapshot();
        byte[] longer = java.util.Arrays.copyOf(image, image.length + 1);
        byte[] shorter = java.util.Arrays.copyOf(image, image.length - 1);
        byte[] other = image.clone();
        other[other.length / 2] ^= 0x11;
        assertThat(put(upload, longer)).as("longer than signed").isEqualTo(403);
        assertThat(put(upload, shorter)).as("shorter than signed").isEqualTo(403);
        assertThat(put(upload, other)).as("the signed length, other bytes").isEqualTo(400);
        assertThat(snapshot()).isEqualTo(before);

        assertThat(put(upload, image)).isEqualTo(200);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
        String after = snapshot();
        assertThat(put(upload, image)).as("replayed after success").isEqualTo(412);
        assertThat(put(upload, other)).as("replayed with other bytes").isIn(400, 412);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(snapshot()).isEqualTo(after);
        String id = result.get("photoId").asText();
        assertThat(ok(client.api(alice.access(), "GET", "/photos/" + id, null)).at("/photo/status").asText())
                .isEqualTo("READY");
    }

    @Test
    void a_part_url_takes_only_its_signed_length_and_checksum() throws Exception {
        String before = snapshot();
        int length = alicePartUrl.at("/headers/content-length").asInt();
        byte[] wrong = new byte[length];
        assertThat(put(alicePartUrl, wrong)).as("the signed length, other bytes").isEqualTo(400);
        assertThat(put(alicePartUrl, new byte[length + 3])).as("longer than signed").isEqualTo(403);
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- tokens

    /** Every kind of token that must not get past the authorizer, by what is wrong with it. */
    private static Map<String, String> badTokens() throws Exception {
        JWTClaimsSet real = SignedJWT.parse(alice.access()).getJWTClaimsSet();
        Instant now = Instant.now();
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("garbage", "not-a-jwt");
        bad.put("expired", sign(new JWTClaimsSet.Builder(real).issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(60))).build()));
        bad.put("not yet valid", sign(new JWTClaimsSet.Builder(real).notBeforeTime(Date.from(now.plusSeconds(600)))
                .build()));
        bad.put("another issuer", sign(new JWTClaimsSet.Builder(real)
                .issuer("https://cognito-idp.local.amazonaws.com/local_other").build()));
        bad.put("another client", sign(new JWTClaimsSet.Builder(real).claim("client_id", "another-client").build()));
        bad.put("another client's id token", sign(new JWTClaimsSet.Builder(SignedJWT.parse(alice.id())
                .getJWTClaimsSet()).audience("another-client").build()));
        bad.put("no expiry", sign(new JWTClaimsSet.Builder(real).expirationTime(null).build()));
        String[] parts = bob.access().split("\\.");
        String alicePayload = alice.access().split("\\.")[1];
        bad.put("bad signature (bob's signature on alice's claims)", parts[0] + "." + alicePayload + "." + parts[2]);
        bad.put("signature cut off", parts[0] + "." + parts[1] + ".");
        bad.put("alg none", Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + poolKey.getKeyID() + "\"}") + "."
                + alicePayload + ".");
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), real);
        hs.sign(new MACSigner(poolKey.toRSAPublicKey().getEncoded()));
        bad.put("HS256 signed with the public key", hs.serialize());
        SignedJWT hsJwk = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(poolKey.getKeyID()).build(),
                real);
        hsJwk.sign(new MACSigner(poolKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        bad.put("HS256 signed with the public JWK", hsJwk.serialize());
        bad.put("refresh token", alice.refresh());
        bad.put("Basic scheme", "Basic " + alice.access());
        return bad;
    }

    private static String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(poolKey.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(poolKey));
        return jwt.serialize();
    }

    private static Tokens login(String username, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("AuthFlow", "USER_PASSWORD_AUTH")
                .put("ClientId", stack.clientId());
        body.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        HttpResponse<String> response = cognito("InitiateAuth", body.toString());
        JsonNode result = ok(response).get("AuthenticationResult");
        String access = result.get("AccessToken").asText();
        return new Tokens(access, result.get("IdToken").asText(), result.get("RefreshToken").asText(),
                SignedJWT.parse(access).getJWTClaimsSet().getSubject());
    }

    private static HttpResponse<String> cognito(String target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.endpoints().cognito())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- requests

    /** One call of a route with alice's ids in its {name} segments and a body fit for it; {@code token} raw. */
    private static HttpResponse<String> call(Route route, String token) throws Exception {
        String path = route.pattern().replaceAll("\\{[^}]+}", alicePhoto);
        String body = route.method().equals("GET") || route.method().equals("DELETE") ? null
                : "{\"album\":\"x\",\"files\":[],\"uploadId\":\"" + aliceUploadId + "\"}";
        HttpRequest.Builder b = HttpRequest.newBuilder(stack.endpoints().api().resolve(path))
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int send(String method, URI url, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String flipSignature(String url) {
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        assertThat(at).isGreaterThan("X-Amz-Signature=".length() - 1);
        char c = url.charAt(at);
        return url.substring(0, at) + (c == '0' ? '1' : '0') + url.substring(at + 1);
    }

    private static String key(Route route) {
        return route.method() + " " + route.pattern().replaceAll("\\{[^}]+}", "{id}");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Files every presigned URL of a response under its kind; a URL in a field no kind names fails the test. */
    private static void record(JsonNode node) {
        walk("", node);
    }

    private static void walk(String path, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                walk(path + "/" + f.getKey(), f.getValue());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "/*", node.get(i));
            }
        } else if (node.isTextual() && node.asText().startsWith("http") && node.asText().contains("X-Amz-")) {
            UrlKind kind = switch (path.replaceAll("/thumbnails/[0-9]+$", "/thumbnails/N")) {
                case "/upload/url" -> UrlKind.SINGLE_PUT;
                case "/multipart/parts/*/url" -> UrlKind.PART_PUT;
                case "/downloads/original" -> UrlKind.GET_ORIGINAL;
                case "/downloads/thumbnails/N" -> UrlKind.GET_THUMBNAIL;
                default -> throw new AssertionError("a presigned URL of no known kind at " + path
                        + ": add it to UrlKind and to the tampering tests");
            };
            urlsSeen.computeIfAbsent(kind, k -> new ArrayList<>()).add(node.asText());
        }
    }

    private static String snapshot() throws Exception {
        return StackState.snapshot(dataDir);
    }
}
