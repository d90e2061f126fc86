package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.backend.fakes.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests to the API of a real local stack over HTTP: each is a clear 4xx (or a {@code rejected} entry of a
 * batch, which records nothing) and leaves the photo table and the bucket as they were; bytes that pose as an image
 * end {@code REJECTED} with no thumbnail.
 */
class InputAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static StackClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir));
        client = new StackClient(stack.endpoints());
        LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
        token = client.login(admin.username(), admin.password());
        // one real photo, so that a real cursor exists to tamper with
        for (int i = 0; i < 2; i++) {
            byte[] image = jpeg(120 + i, 90, Color.GREEN);
            JsonNode r = client.presign(token, "base", "base" + i + ".jpg", image);
            assertThat(put(r.get("upload"), image)).isEqualTo(200);
        }
        assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static ObjectNode entry(String name, Object size, String contentType) {
        ObjectNode f = JSON.createObjectNode().put("name", name).put("contentType", contentType)
                .put("sha256", Sha256.hex(name.getBytes(StandardCharsets.UTF_8)));
        if (size instanceof Long l) {
            f.put("size", l);
        } else if (size instanceof String s) {
            f.put("size", s);
        }
        return f;
    }

    private static HttpResponse<String> uploads(String album, ObjectNode... files) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("album", album);
        ArrayNode list = body.putArray("files");
        for (ObjectNode f : files) {
            list.add(f);
        }
        return client.api(token, "POST", "/uploads", body.toString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }

    @Test
    void bad_file_entries_are_rejected_one_by_one_and_record_nothing() throws Exception {
        String before = StackState.snapshot(dataDir);
        List<ObjectNode> entries = List.of(
                entry("bell\u0007.jpg", 100L, "image/jpeg"),
                entry("new\nline.jpg", 100L, "image/jpeg"),
                entry("nul\u0000.jpg", 100L, "image/jpeg"),
                entry("x".repeat(300) + ".jpg", 100L, "image/jpeg"),
                entry("negative.jpg", -5L, "image/jpeg"),
                entry("zero.jpg", 0L, "image/jpeg"),
                entry("huge.jpg", Long.MAX_VALUE, "image/jpeg"),
                entry("vector.svg", 100L, "image/svg+xml"),
                entry("page.html", 100L, "text/html"),
                entry("script.js", 100L, "application/javascript"),
                entry("any.jpg", 100L, "image/*"));
        JsonNode results = ok(uploads("attacks", entries.toArray(ObjectNode[]::new))).get("results");
        assertThat(results).hasSize(entries.size());
        for (JsonNode r : results) {
            assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("rejected");
            assertThat(r.at("/error/code").asText()).as(r.toString())
                    .isIn("invalid_name", "empty", "too_large", "unsupported_type");
        }
        assertThat(StackState.snapshot(dataDir)).isEqualTo(before);
    }

    @Test
    void path_traversal_in_a_file_name_never_reaches_a_key() throws Exception {
        byte[] image = jpeg(50, 40, Color.YELLOW);
        ObjectNode f = JSON.createObjectNode().put("name", "../../../etc/cron.d/evil.jpg").put("size", image.length)
                .put("contentType", "image/jpeg").put("sha256", Sha256.hex(image));
        JsonNode r = ok(uploads("attacks", f)).at("/results/0");
        assertThat(r.get("status").asText()).isEqualTo("upload");
        assertThat(r.get("name").asText()).isEqualTo("evil.jpg");
        String url = r.at("/upload/url").asText();
        assertThat(url).doesNotContain("etc", "cron", "evil", "..", "%2e");
        assertThat(client.api(token, "DELETE", "/photos/" + r.get("photoId").asText(), null).statusCode())
                .isEqualTo(204);
    }

    @Test
    void bad_albums_batches_and_types_are_400_and_record_nothing() throws Exception {
        String before = StackState.snapshot(dataDir);
        ObjectNode good = entry("fine.jpg", 100L, "image/jpeg");
        for (String album : List.of("../etc", "a/b", "tab\there", "nul\u0000", " lead", "x".repeat(65), "")) {
            assertError(uploads(album, good), 400, "invalid_album");
        }
        ObjectNode[] batch = new ObjectNode[101];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = entry("f" + i + ".jpg", 100L, "image/jpeg");
        }
        assertError(uploads("attacks", batch), 400, "too_many_files");
        assertError(uploads("attacks", entry("typed.jpg", "1000", "image/jpeg")), 400, "invalid_request");
        assertError(client.api(token, "POST", "/uploads", "{\"album\":5,\"files\":[]}"), 400, "invalid_request");
        assertError(client.api(token, "POST", "/uploads", "{\"album\":\"a\",\"files\":[{\"name\":\"x.jpg\","
                + "\"size\":1.5,\"contentType\":\"image/jpeg\",\"sha256\":\"" + "0".repeat(64) + "\"}]}"),
                400, "invalid_request");
        assertError(client.api(token, "POST", "/uploads", "{\"album\":"), 400, "invalid_json");
        assertError(client.api(token, "POST", "/uploads", "[1,2,3]"), 400, "invalid_json");
        assertThat(StackState.snapshot(dataDir)).isEqualTo(before);
    }

    @Test
    void forged_and_altered_cursors_and_bad_limits_are_400() throws Exception {
        String real = ok(client.api(token, "GET", "/photos?limit=1", null)).get("nextCursor").asText();
        int at = real.length() / 2;
        String altered = real.substring(0, at) + (real.charAt(at) == 'A' ? 'B' : 'A') + real.substring(at + 1);
        String madeUp = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"owner\":\"someone-else\",\"id\":\"0\"}".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of(altered, madeUp, "not a cursor", "A".repeat(5000))) {
            assertError(client.api(token, "GET", "/photos?limit=1&cursor="
                    + URLEncoder.encode(cursor, StandardCharsets.UTF_8), null), 400, "invalid_cursor");
        }
        assertError(client.api(token, "GET", "/photos?album=other&cursor="
                + URLEncoder.encode(real, StandardCharsets.UTF_8), null), 400, "invalid_cursor");
        for (String limit : List.of("0", "-1", "1001", "1e3", "ten")) {
            assertError(client.api(token, "GET", "/photos?limit=" + limit, null), 400, "invalid_limit");
        }
    }

    @Test
    void an_oversized_body_is_refused_413_before_it_is_sent() throws Exception {
        String before = StackState.snapshot(dataDir);
        try (Socket socket = new Socket(stack.endpoints().api().getHost(), stack.endpoints().api().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /uploads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        assertThat(StackState.snapshot(dataDir)).isEqualTo(before);
    }

    @Test
    void svg_and_html_posing_as_images_end_rejected_with_no_thumbnails() throws Exception {
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8);
        byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        byte[] otherHtml = (new String(html, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        for (Object[] c : new Object[][] {{"logo.png", "image/png", svg}, {"page.jpg", "image/jpeg", html},
                {"anim.gif", "image/gif", otherHtml}}) {
            byte[] body = (byte[]) c[2];
            ObjectNode f = JSON.createObjectNode().put("name", (String) c[0]).put("size", body.length)
                    .put("contentType", (String) c[1]).put("sha256", Sha256.hex(body));
            JsonNode r = ok(uploads("attacks", f)).at("/results/0");
            assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("upload");
            assertThat(put(r.get("upload"), body)).isEqualTo(200);
            assertThat(stack.awaitIdle(Duration.ofSeconds(30))).isTrue();
            JsonNode detail = ok(client.api(token, "GET", "/photos/" + r.get("photoId").asText(), null));
            assertThat(detail.at("/photo/status").asText()).as(detail.toString()).isEqualTo("REJECTED");
            assertThat(detail.at("/photo/thumbnails")).isEmpty();
            assertThat(detail.at("/downloads/thumbnails")).isEmpty();
        }
    }
}
