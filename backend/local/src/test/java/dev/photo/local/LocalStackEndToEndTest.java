package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend as a client meets it: the embedded stack over real HTTP, the real handlers behind it, tokens from its
 * Cognito-compatible endpoint, bytes through presigned URLs into its S3-compatible server, and the processor fed by
 * the server's ObjectCreated events.
 */
class LocalStackEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static LocalEndpoints endpoints;
    private static String aliceToken;
    private static String bobToken;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir));
        endpoints = stack.endpoints();
        LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
        aliceToken = login(admin.username(), admin.password());
        stack.createUser("bob", "bob-password-123", List.of());
        bobToken = login("bob", "bob-password-123");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String login(String username, String password) throws Exception {
        JsonNode config = JSON.readTree(HTTP.send(HttpRequest.newBuilder(endpoints.api().resolve("/config")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        ObjectNode body = JSON.createObjectNode();
        body.put("AuthFlow", "USER_PASSWORD_AUTH");
        body.put("ClientId", config.get("clientId").asText());
        body.putObject("AuthParameters").put("USERNAME", username).put("PASSWORD", password);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(endpoints.cognito())
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).at("/AuthenticationResult/AccessToken").asText();
    }

    private static HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoints.api().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static byte[] jpeg(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, color, width, height, Color.WHITE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Asks for an upload of {@code declared} and returns the result entry. */
    private static JsonNode presign(String token, String name, byte[] declared) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("album", "e2e");
        body.putArray("files").addObject().put("name", name).put("size", declared.length)
                .put("contentType", "image/jpeg").put("sha256", sha256(declared));
        return ok(api(token, "POST", "/uploads", body.toString())).get("results").get(0);
    }

    private static int put(JsonNode upload, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
                b.header(h.getKey(), h.getValue().asText());
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode photo(String token, String id) throws Exception {
        return ok(api(token, "GET", "/photos/" + id, null));
    }

    @Test
    void an_uploaded_jpeg_becomes_ready_with_thumbnails_served_by_presigned_urls() throws Exception {
        byte[] image = jpeg(1200, 800, Color.BLUE);
        JsonNode result = presign(aliceToken, "blue.jpg", image);
        assertThat(result.get("status").asText()).isEqualTo("upload");

        assertThat(put(result.get("upload"), image)).isEqualTo(200);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();

        JsonNode detail = photo(aliceToken, result.get("photoId").asText());
        assertThat(detail.at("/photo/status").asText()).isEqualTo("READY");
        assertThat(detail.at("/photo/width").asInt()).isEqualTo(1200);
        assertThat(detail.at("/photo/height").asInt()).isEqualTo(800);
        byte[] thumb = HTTP.send(HttpRequest.newBuilder(URI.create(detail.at("/downloads/thumbnails/256").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(decoded.getWidth()).isEqualTo(256);
        assertThat(decoded.getHeight()).isBetween(170, 171);
        assertThat(presign(aliceToken, "again.jpg", image).get("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void right_length_wrong_content_is_stored_by_the_server_but_rejected_by_the_processor() throws Exception {
        byte[] declared = jpeg(300, 200, Color.RED);
        byte[] other = declared.clone();
        other[other.length / 2] ^= 0x55;
        JsonNode result = presign(aliceToken, "tampered.jpg", declared);

        put(result.get("upload"), other);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();

        JsonNode detail = photo(aliceToken, result.get("photoId").asText());
        assertThat(detail.at("/photo/status").asText()).isEqualTo("REJECTED");
        assertThat(detail.at("/photo/error").asText()).containsIgnoringCase("sha-256");
        assertThat(detail.at("/downloads").has("original")).isFalse();
    }

    @Test
    void a_text_file_named_jpg_is_rejected_with_no_thumbnail() throws Exception {
        byte[] text = "this is not a photo at all, just text\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        JsonNode result = presign(aliceToken, "notes.jpg", text);

        assertThat(put(result.get("upload"), text)).isEqualTo(200);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();

        JsonNode detail = photo(aliceToken, result.get("photoId").asText());
        assertThat(detail.at("/photo/status").asText()).isEqualTo("REJECTED");
        assertThat(detail.at("/photo/thumbnails")).isEmpty();
        assertThat(detail.at("/downloads/thumbnails")).isEmpty();
    }

    @Test
    void requests_without_a_valid_token_get_401_and_config_stays_public() throws Exception {
        assertThat(api(null, "GET", "/config", null).statusCode()).isEqualTo(200);
        assertThat(api(null, "GET", "/photos", null).statusCode()).isEqualTo(401);
        assertThat(api("not-a-jwt", "GET", "/photos", null).statusCode()).isEqualTo(401);
        assertThat(api(aliceToken + "x", "GET", "/photos", null).statusCode()).isEqualTo(401);

        RSAKey foreign = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                JWTClaimsSet.parse(SignedJWT.parse(aliceToken).getJWTClaimsSet().toJSONObject()));
        forged.sign(new RSASSASigner(foreign));
        assertThat(api(forged.serialize(), "GET", "/photos", null).statusCode()).isEqualTo(401);

        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(SignedJWT.parse(aliceToken).getJWTClaimsSet())
                .expirationTime(new Date(System.currentTimeMillis() - 60_000)).build();
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                expiredClaims);
        expired.sign(new RSASSASigner(foreign));
        assertThat(api(expired.serialize(), "GET", "/photos", null).statusCode()).isEqualTo(401);
    }

    @Test
    void another_user_cannot_list_read_or_delete_someone_elses_photos() throws Exception {
        byte[] image = jpeg(200, 100, Color.GREEN);
        JsonNode result = presign(aliceToken, "private.jpg", image);
        put(result.get("upload"), image);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
        String id = result.get("photoId").asText();

        assertThat(ok(api(bobToken, "GET", "/photos", null)).get("photos").findValuesAsText("photoId"))
                .doesNotContain(id);
        assertThat(ok(api(bobToken, "GET", "/albums", null)).get("albums")).isEmpty();
        assertThat(api(bobToken, "GET", "/photos/" + id, null).statusCode()).isEqualTo(404);
        assertThat(api(bobToken, "DELETE", "/photos/" + id, null).statusCode()).isEqualTo(404);
        assertThat(presign(bobToken, "mine-now.jpg", image).get("status").asText()).isEqualTo("upload");

        assertThat(photo(aliceToken, id).at("/photo/status").asText()).isEqualTo("READY");
        assertThat(api(aliceToken, "DELETE", "/photos/" + id, null).statusCode()).isEqualTo(204);
        assertThat(api(aliceToken, "GET", "/photos/" + id, null).statusCode()).isEqualTo(404);
    }
}
