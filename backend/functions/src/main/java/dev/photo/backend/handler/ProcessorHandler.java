package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.ProcessingService;
import dev.photo.backend.core.ReprocessBatch;
import dev.photo.backend.core.ReprocessJob;
import dev.photo.backend.port.Metrics;
import dev.photo.backend.port.ReprocessJobs;
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
import java.util.Optional;

/**
 * Lambda entry point for S3 {@code ObjectCreated} notifications on {@code originals/}, and for the reprocess
 * batches an admin's {@code POST /admin/reprocess} queues ({@link ReprocessPayload}). Takes the raw event JSON
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

    static final String ORIGINAL_GONE = "the original is no longer stored";
    static final String RECORD_GONE = "the photo was deleted";
    static final String NOW_REFUSED = "the current settings refuse its content; it was left as it was";
    static final String PROCESSING_FAILED = "processing failed; the processor's log has the detail";

    private final ProcessingService service;
    private final ReprocessJobs jobs;
    private final Metrics metrics;

    /** @param jobs where reprocess batches count their outcomes */
    public ProcessorHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, ReprocessJobs jobs,
                            Clock clock) {
        this(config, photos, objects, jobs, clock, Metrics.NONE);
    }

    /** @param metrics where {@code PhotosProcessed}, {@code PhotosRejected} and {@code ProcessingTime} go */
    public ProcessorHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, ReprocessJobs jobs,
                            Clock clock, Metrics metrics) {
        this.service = new ProcessingService(config, photos, objects, clock);
        this.jobs = jobs;
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Optional<ReprocessBatch> batch = ReprocessPayload.decode(event);
        if (batch.isPresent()) {
            reprocess(batch.get());
            return;
        }
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

    /**
     * Each photo's outcome is counted in its job; a failure is counted rather than rethrown, since a retried
     * asynchronous invocation would count the photos that succeeded twice. The admin sees the failures and can run
     * the job's selector again: reprocessing is idempotent.
     */
    private void reprocess(ReprocessBatch batch) {
        for (ReprocessBatch.PhotoRef ref : batch.photos()) {
            ProcessingService.Outcome outcome;
            try {
                outcome = service.reprocess(ref.owner(), ref.photoId());
            } catch (RuntimeException e) {
                LOG.error("reprocessing {}/{} of job {} failed", ref.owner(), ref.photoId(), batch.jobId(), e);
                jobs.recordFailed(batch.jobId(), new ReprocessJob.Failure(ref.owner(), ref.photoId(),
                        PROCESSING_FAILED));
                continue;
            }
            LOG.info("reprocess job {}: {}/{} {}", batch.jobId(), ref.owner(), ref.photoId(), outcome);
            switch (outcome) {
                case READY, REJECTED, SETTLED -> jobs.recordDone(batch.jobId());
                case GONE -> jobs.recordFailed(batch.jobId(),
                        new ReprocessJob.Failure(ref.owner(), ref.photoId(), ORIGINAL_GONE));
                case UNCHANGED -> jobs.recordFailed(batch.jobId(),
                        new ReprocessJob.Failure(ref.owner(), ref.photoId(), NOW_REFUSED));
                default -> jobs.recordFailed(batch.jobId(),
                        new ReprocessJob.Failure(ref.owner(), ref.photoId(), RECORD_GONE));
            }
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
