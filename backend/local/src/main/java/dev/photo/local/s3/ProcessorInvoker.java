package dev.photo.local.s3;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.local.support.InFlight;
import dev.photo.local.support.LocalLambdaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers S3 events to the processor function the way S3 invokes Lambda: asynchronously, one invocation per
 * event, retried after a failure with growing delays (Lambda retries an async invoke twice), then given up on and
 * logged. Counts events not yet finished so that callers can wait until processing has caught up.
 */
public final class ProcessorInvoker implements ObjectCreatedListener, AutoCloseable {

    /** Lambda waits about one and then two minutes; the local stack has a user waiting, so it is quicker. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofMillis(500), Duration.ofSeconds(2));
    private static final Duration FUNCTION_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ProcessorInvoker.class);

    private final RequestStreamHandler function;
    private final String functionName;
    private final String region;
    private final List<Duration> retryDelays;
    private final ScheduledThreadPoolExecutor executor;
    private final InFlight pending = new InFlight();

    public ProcessorInvoker(RequestStreamHandler function, String functionName, String region, int concurrency,
                            List<Duration> retryDelays) {
        this.function = function;
        this.functionName = functionName;
        this.region = region;
        this.retryDelays = List.copyOf(retryDelays);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(concurrency, r -> {
            Thread t = new Thread(r, functionName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void objectCreated(ObjectCreated event) {
        byte[] payload = S3EventNotification.toJson(event, region).getBytes(StandardCharsets.UTF_8);
        pending.begin();
        try {
            executor.execute(() -> invoke(payload, event.key(), 0));
        } catch (RejectedExecutionException e) {
            log.warn("stack is shutting down; dropped {} for {}", event.eventName(), event.key());
            finished();
        }
    }

    /**
     * Invokes the function with any other event, asynchronously and with the same retries: how the API's reprocess
     * queue reaches the processor on this stack. Counted by {@link #awaitIdle} like S3's events.
     *
     * @param label names the event in the log
     * @throws RejectedExecutionException if the stack is shutting down
     */
    public void invokeAsync(byte[] payload, String label) {
        pending.begin();
        try {
            executor.execute(() -> invoke(payload, label, 0));
        } catch (RejectedExecutionException e) {
            log.warn("stack is shutting down; dropped {}", label);
            finished();
            throw e;
        }
    }

    /** Waits until every event received so far has been processed or given up on. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return pending.awaitNone(timeout);
    }

    /** Gives processing in flight up to {@code grace} to finish, then stops. */
    public void close(Duration grace) {
        try {
            if (!awaitIdle(grace)) {
                log.warn("stopping with S3 events still being processed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    /** Gives processing in flight a few seconds to finish, then stops. */
    @Override
    public void close() {
        close(CLOSE_GRACE);
    }

    private void invoke(byte[] payload, String key, int attempt) {
        try {
            function.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(),
                    new LocalLambdaContext(functionName, FUNCTION_TIMEOUT));
            finished();
        } catch (Exception | Error e) {
            // Errors too: a handler that dies of one still counts as a failed invocation, or awaitIdle would hang
            if (attempt < retryDelays.size()) {
                log.warn("{} failed for {} (attempt {}), retrying", functionName, key, attempt + 1, e);
                retry(payload, key, attempt + 1);
            } else {
                log.error("{} failed for {} after {} attempts; giving up", functionName, key, attempt + 1, e);
                finished();
            }
        }
    }

    private void retry(byte[] payload, String key, int attempt) {
        try {
            executor.schedule(() -> invoke(payload, key, attempt), retryDelays.get(attempt - 1).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            finished();
        }
    }

    private void finished() {
        pending.end();
    }
}
