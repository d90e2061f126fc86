package dev.photo.backend.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.backend.core.ReprocessBatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event the processor function takes for a reprocess batch, beside S3's notifications:
 * {@code {"reprocess":{"jobId":"...","photos":[{"owner":"...","photoId":"..."}]}}}.
 */
public final class ReprocessPayload {

    static final String FIELD = "reprocess";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReprocessPayload() {
    }

    /** The batch as the processor function's input. */
    public static byte[] encode(ReprocessBatch batch) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode body = root.putObject(FIELD);
        body.put("jobId", batch.jobId());
        ArrayNode photos = body.putArray("photos");
        for (ReprocessBatch.PhotoRef ref : batch.photos()) {
            photos.addObject().put("owner", ref.owner()).put("photoId", ref.photoId());
        }
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** The batch an event carries, if it is a reprocess event rather than S3's. */
    static Optional<ReprocessBatch> decode(JsonNode event) {
        JsonNode body = event == null ? null : event.get(FIELD);
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        List<ReprocessBatch.PhotoRef> photos = new ArrayList<>();
        for (JsonNode photo : body.path("photos")) {
            photos.add(new ReprocessBatch.PhotoRef(photo.path("owner").asText(), photo.path("photoId").asText()));
        }
        return Optional.of(new ReprocessBatch(body.path("jobId").asText(), photos));
    }
}
