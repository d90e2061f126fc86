package dev.photo.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.backend.port.ForwardingObjectStore;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.local.s3.ObjectCreated;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.photo.local.StackClient.jpeg;
import static dev.photo.local.StackClient.ok;
import static dev.photo.local.StackClient.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real processor inside a running local stack, its ObjectCreated events delivered the way S3 delivers them: at
 * least once, late, out of order. A crash half-way through (the second thumbnail's write fails once, after the first
 * was stored) is retried by the stack's invoker and ends in one record with one set of thumbnails; repeated, early
 * and late events change nothing, resurrect nothing and fail no invocation (so nothing is retried in a loop).
 */
class ProcessorRedeliveryTest {

    private static final Duration IDLE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static LocalStack stack;
    private static StackClient client;
    private static String token;
    /** Thumbnail keys whose first write fails, as a crash between two writes would leave them. */
    private static final Set<String> failOnce = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger invocations = new AtomicInteger();
    private static final AtomicInteger failedInvocations = new AtomicInteger();
    private int invokedBefore;
    private int failedBefore;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir), BackendFunctions.of(BackendFunctions.real()::api,
                (config, photos, objects, admin) -> counted(new ProcessorHandler(config, photos,
                        new FirstWriteFails(objects), admin.jobs(), Clock.systemUTC()))));
        client = new StackClient(stack.endpoints());
        LocalCredentials admin = LocalStack.adminCredentials(dataDir).orElseThrow();
        token = client.login(admin.username(), admin.password());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Each test counts the invocations it causes; the stack is shared, and each test has its own album. */
    @BeforeEach
    void count() {
        invokedBefore = invocations.get();
        failedBefore = failedInvocations.get();
    }

    private int invoked() {
        return invocations.get() - invokedBefore;
    }

    private int failed() {
        return failedInvocations.get() - failedBefore;
    }

    @Test
    void a_processor_that_fails_between_two_thumbnail_writes_is_retried_into_one_record_and_one_set_of_thumbnails()
            throws Exception {
        byte[] image = jpeg(1600, 1200, Color.RED);
        JsonNode presigned = client.presign(token, "crash", "crash.jpg", image);
        String photoId = presigned.get("photoId").asText();
        failOnce.add("/" + photoId + "/1024.jpg");

        assertThat(put(presigned.get("upload"), image)).isEqualTo(200);
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(failed()).as("the injected crash happened").isEqualTo(1);
        assertThat(invoked()).as("one failed delivery, one retry").isEqualTo(2);
        assertThat(status(photoId)).isEqualTo("READY");
        assertThat(storedFilesOf(photoId)).containsExactlyInAnyOrder("originals/" + owner(photoId) + "/" + photoId,
                "thumbnails/" + owner(photoId) + "/" + photoId + "/256.jpg",
                "thumbnails/" + owner(photoId) + "/" + photoId + "/1024.jpg");
        JsonNode album = ok(client.api(token, "GET", "/photos?album=crash", null));
        assertThat(album.get("photos")).as("one record").hasSize(1);
        assertThat(failed()).as("no further failure").isEqualTo(1);
    }

    @Test
    void the_same_event_delivered_again_at_once_changes_nothing_and_fails_nothing() throws Exception {
        byte[] image = jpeg(640, 480, Color.BLUE);
        String photoId = uploadReady("dup", "dup.jpg", image);
        String before = StackState.snapshot(dataDir);
        int invokedSoFar = invoked();

        ObjectCreated event = putEvent(originalKey(photoId), image.length);
        for (int i = 0; i < 4; i++) {
            stack.events().objectCreated(event);
        }
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(invoked() - invokedSoFar).as("each delivery ran once, none retried").isEqualTo(4);
        assertThat(failed()).isZero();
        assertThat(StackState.snapshot(dataDir)).as("records and objects unchanged").isEqualTo(before);
    }

    @Test
    void an_event_that_arrives_before_its_bytes_leaves_the_photo_pending_until_they_come() throws Exception {
        String known = uploadReady("order", "first.jpg", jpeg(320, 240, Color.GREEN));
        byte[] image = jpeg(400, 300, Color.ORANGE);
        JsonNode presigned = client.presign(token, "order", "early.jpg", image);
        String photoId = presigned.get("photoId").asText();
        String key = "originals/" + owner(known) + "/" + photoId;

        // out of order: the notification overtakes the write it reports
        stack.events().objectCreated(putEvent(key, image.length));
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(status(photoId)).as("nothing stored yet, so nothing decided").isEqualTo("PENDING");
        assertThat(failed()).isZero();

        assertThat(put(presigned.get("upload"), image)).isEqualTo(200);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        assertThat(status(photoId)).isEqualTo("READY");
        assertThat(failed()).isZero();
    }

    @Test
    void a_late_event_for_a_deleted_photo_resurrects_nothing_and_is_not_retried() throws Exception {
        byte[] image = jpeg(500, 500, Color.MAGENTA);
        String photoId = uploadReady("gone", "gone.jpg", image);
        String key = originalKey(photoId);
        assertThat(client.api(token, "DELETE", "/photos/" + photoId, null).statusCode()).isIn(200, 204);
        assertThat(storedFilesOf(photoId)).isEmpty();
        String before = StackState.snapshot(dataDir);
        int invokedSoFar = invoked();

        stack.events().objectCreated(putEvent(key, image.length));
        stack.events().objectCreated(putEvent(key, image.length));
        assertThat(stack.awaitIdle(IDLE)).isTrue();

        assertThat(invoked() - invokedSoFar).as("no retry loop").isEqualTo(2);
        assertThat(failed()).isZero();
        assertThat(client.api(token, "GET", "/photos/" + photoId, null).statusCode()).isEqualTo(404);
        assertThat(StackState.snapshot(dataDir)).as("no record or object came back").isEqualTo(before);
    }

    private String uploadReady(String album, String name, byte[] image) throws Exception {
        JsonNode presigned = client.presign(token, album, name, image);
        assertThat(put(presigned.get("upload"), image)).isEqualTo(200);
        assertThat(stack.awaitIdle(IDLE)).isTrue();
        String photoId = presigned.get("photoId").asText();
        assertThat(status(photoId)).isEqualTo("READY");
        return photoId;
    }

    private String status(String photoId) throws Exception {
        return ok(client.api(token, "GET", "/photos/" + photoId, null)).at("/photo/status").asText();
    }

    private ObjectCreated putEvent(String key, long size) {
        return new ObjectCreated(ObjectCreated.PUT, LocalStack.BUCKET, key, size, "", Instant.now(), "0");
    }

    /** Keys (relative to the bucket) of every stored file that belongs to the photo. */
    private List<String> storedFilesOf(String photoId) throws Exception {
        Path bucket = dataDir.resolve("s3").resolve(LocalStack.BUCKET);
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(bucket::relativize).map(Path::toString)
                    .filter(k -> k.contains(photoId)).toList();
        }
    }

    private String originalKey(String photoId) throws Exception {
        return storedFilesOf(photoId).stream().filter(k -> k.startsWith("originals/")).findFirst().orElseThrow();
    }

    /** The owner's sub, from where the photo's original is (or was) stored. */
    private String owner(String photoId) throws Exception {
        return originalKey(photoId).split("/")[1];
    }

    private static RequestStreamHandler counted(RequestStreamHandler real) {
        return (input, output, context) -> {
            invocations.incrementAndGet();
            try {
                real.handleRequest(input, output, context);
            } catch (RuntimeException e) {
                failedInvocations.incrementAndGet();
                throw e;
            }
        };
    }

    /** The stack's real object store, except that the first write of a key named in {@link #failOnce} fails. */
    private static final class FirstWriteFails extends ForwardingObjectStore {

        FirstWriteFails(ObjectStore real) {
            super(real);
        }

        @Override
        public void put(String key, Path file, String contentType) {
            if (failOnce.removeIf(key::endsWith)) {
                throw new ObjectStoreException("injected: the processor died writing " + key, null);
            }
            delegate.put(key, file, contentType);
        }
    }
}
