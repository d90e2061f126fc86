package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import static dev.photo.local.StackClient.HTTP;
import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend as a client meets it: the embedded stack over real HTTP, the real handlers behind it, tokens from its
 * Cognito-compatible endpoint, bytes through presigned URLs into its S3-compatible server, and the processor fed by
 * the server's ObjectCreated events.
 */
class LocalStackEndToEndTest {

    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static StackClient client;
    private static String aliceToken;
    private static String bobToken;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir));
        client = new StackClient(stack.endpoints());
        LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
        aliceToken = client.login(admin.username(), admin.password());
        stack.createUser("bob", "bob-password-123", List.of());
        bobToken = client.login("bob", "bob-password-123");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Asks for an upload of {@code declared} and returns the result entry. */
    private static JsonNode presign(String token, String name, byte[] declared) throws Exception {
        return client.presign(token, "e2e", name, declared);
    }

    private static JsonNode photo(String token, String id) throws Exception {
        return ok(client.api(token, "GET", "/photos/" + id, null));
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
    void right_length_wrong_content_is_refused_by_the_server_as_s3_does_and_nothing_is_stored() throws Exception {
        byte[] declared = jpeg(300, 200, Color.RED);
        byte[] other = declared.clone();
        other[other.length / 2] ^= 0x55;
        JsonNode result = presign(aliceToken, "tampered.jpg", declared);

        assertThat(put(result.get("upload"), other)).as("400 BadDigest against the signed checksum").isEqualTo(400);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();

        JsonNode detail = photo(aliceToken, result.get("photoId").asText());
        assertThat(detail.at("/photo/status").asText()).as("no bytes arrived").isEqualTo("PENDING");
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
        assertThat(client.api(null, "GET", "/config", null).statusCode()).isEqualTo(200);
        assertThat(client.api(null, "GET", "/photos", null).statusCode()).isEqualTo(401);
        assertThat(client.api("not-a-jwt", "GET", "/photos", null).statusCode()).isEqualTo(401);
        assertThat(client.api(aliceToken + "x", "GET", "/photos", null).statusCode()).isEqualTo(401);

        RSAKey foreign = new RSAKeyGenerator(2048).keyID("attacker").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                JWTClaimsSet.parse(SignedJWT.parse(aliceToken).getJWTClaimsSet().toJSONObject()));
        forged.sign(new RSASSASigner(foreign));
        assertThat(client.api(forged.serialize(), "GET", "/photos", null).statusCode()).isEqualTo(401);

        JWTClaimsSet expiredClaims = new JWTClaimsSet.Builder(SignedJWT.parse(aliceToken).getJWTClaimsSet())
                .expirationTime(new Date(System.currentTimeMillis() - 60_000)).build();
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("attacker").build(),
                expiredClaims);
        expired.sign(new RSASSASigner(foreign));
        assertThat(client.api(expired.serialize(), "GET", "/photos", null).statusCode()).isEqualTo(401);
    }

    @Test
    void another_user_cannot_list_read_or_delete_someone_elses_photos() throws Exception {
        byte[] image = jpeg(200, 100, Color.GREEN);
        JsonNode result = presign(aliceToken, "private.jpg", image);
        put(result.get("upload"), image);
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
        String id = result.get("photoId").asText();

        assertThat(ok(client.api(bobToken, "GET", "/photos", null)).get("photos").findValuesAsText("photoId"))
                .doesNotContain(id);
        assertThat(ok(client.api(bobToken, "GET", "/albums", null)).get("albums")).isEmpty();
        assertThat(client.api(bobToken, "GET", "/photos/" + id, null).statusCode()).isEqualTo(404);
        assertThat(client.api(bobToken, "DELETE", "/photos/" + id, null).statusCode()).isEqualTo(404);
        assertThat(presign(bobToken, "mine-now.jpg", image).get("status").asText()).isEqualTo("upload");

        assertThat(photo(aliceToken, id).at("/photo/status").asText()).isEqualTo("READY");
        assertThat(client.api(aliceToken, "DELETE", "/photos/" + id, null).statusCode()).isEqualTo(204);
        assertThat(client.api(aliceToken, "GET", "/photos/" + id, null).statusCode()).isEqualTo(404);
    }
}
