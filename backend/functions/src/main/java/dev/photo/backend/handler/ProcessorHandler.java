package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.ProcessingService;
import dev.photo.backend.port.Metrics;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda entry point for S3 {@code ObjectCreated} notifications on {@code originals/}. Takes the raw event JSON
 * exactly as S3 delivers it (keys URL-encoded).
 *
 * <p>Every record is processed even when an earlier one fails; the first failure is then rethrown (the others
 * attached as suppressed) so that the runtime retries the event. Retrying records that already succeeded is safe
 * because processing is idempotent. A {@code null} context is accepted, for callers outside Lambda.
 */
public final class ProcessorHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OBJECT_CREATED = "ObjectCreated:";

    private final ProcessingService service;
    private final Metrics metrics;

    public ProcessorHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        this(config, photos, objects, clock, Metrics.NONE);
    }

    /** @param metrics where {@code PhotosProcessed}, {@code PhotosRejected} and {@code ProcessingTime} go */
    public ProcessorHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock,
                            Metrics metrics) {
        this.service = new ProcessingService(config, photos, objects, clock);
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        List<RuntimeException> failures = new ArrayList<>();
        for (JsonNode record : event == null ? JSON.createArrayNode() : event.path("Records")) {
            String eventName = record.path("eventName").asText("");
            if (!eventName.startsWith(OBJECT_CREATED)) {
                LOG.info("skipping {} event", eventName);
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asText();
            String key = decodeKey(record.path("s3").path("object").path("key").asText());
            try {
                long started = System.nanoTime();
                ProcessingService.Outcome outcome = service.process(bucket, key);
                record(outcome, (System.nanoTime() - started) / 1_000_000);
                LOG.info("{} {}: {}", eventName, key, outcome);
            } catch (RuntimeException e) {
                LOG.error("processing {} failed; the event will be retried", key, e);
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void record(ProcessingService.Outcome outcome, long millis) {
        if (outcome == ProcessingService.Outcome.READY || outcome == ProcessingService.Outcome.REJECTED) {
            metrics.count("PhotosProcessed", 1);
            metrics.count("PhotosRejected", outcome == ProcessingService.Outcome.REJECTED ? 1 : 0);
            metrics.milliseconds("ProcessingTime", millis);
        }
    }

    /** S3 sends keys form-encoded: {@code +} is a space and {@code %XX} an escaped UTF-8 byte. */
    static String decodeKey(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
