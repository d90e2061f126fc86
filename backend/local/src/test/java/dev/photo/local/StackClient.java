package dev.photo.local;

import dev.photo.backend.fakes.Sha256;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A client of a running stack over plain HTTP, as the CLI talks to it: login, API calls and presigned PUTs. */
final class StackClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final LocalEndpoints endpoints;

    StackClient(LocalEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** An access token from the Cognito endpoint, for the app client that {@code GET /config} names. */
    String login(String username, String password) throws Exception {
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

    /** An API call; {@code token} and {@code body} may be null. */
    HttpResponse<String> api(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoints.api().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks for an upload of {@code declared} into {@code album} and returns the result entry. */
    JsonNode presign(String token, String album, String name, byte[] declared) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("album", album);
        body.putArray("files").addObject().put("name", name).put("size", declared.length)
                .put("contentType", "image/jpeg").put("sha256", Sha256.hex(declared));
        return ok(api(token, "POST", "/uploads", body.toString())).get("results").get(0);
    }

    /** Sends a presign result's {@code upload} (URL and headers) with {@code body}; the status code. */
    static int put(JsonNode upload, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        upload.get("headers").properties().forEach(h -> {
            if (!h.getKey().equalsIgnoreCase("content-length") && !h.getKey().equalsIgnoreCase("host")) {
                b.header(h.getKey(), h.getValue().asText());
            }
        });
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static byte[] jpeg(int width, int height, Color color) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, color, width, height, Color.WHITE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

}
