package dev.photo.local.s3;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorInvokerTest {

    private static final List<Duration> QUICK_RETRIES = List.of(Duration.ofMillis(10), Duration.ofMillis(20));

    private static ObjectCreated event(String key) {
        return new ObjectCreated(ObjectCreated.PUT, "photos", key, 1, "etag", Instant.now(), "0000000000000001");
    }

    @Test
    void a_failing_invocation_is_retried_until_it_succeeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RequestStreamHandler flaky = (in, out, context) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("transient");
            }
        };
        try (ProcessorInvoker invoker = new ProcessorInvoker(flaky, "processor", "local", 1, QUICK_RETRIES)) {
            invoker.objectCreated(event("originals/a/b"));

            assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(attempts).hasValue(3);
        }
    }

    @Test
    void an_invocation_that_keeps_failing_is_given_up_after_the_retries() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RequestStreamHandler broken = (in, out, context) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("always");
        };
        try (ProcessorInvoker invoker = new ProcessorInvoker(broken, "processor", "local", 1, QUICK_RETRIES)) {
            invoker.objectCreated(event("originals/a/b"));

            assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(attempts).hasValue(1 + QUICK_RETRIES.size());
        }
    }

    @Test
    void await_idle_waits_for_processing_in_flight_and_times_out_while_it_lasts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RequestStreamHandler slow = (in, out, context) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (ProcessorInvoker invoker = new ProcessorInvoker(slow, "processor", "local", 2, QUICK_RETRIES)) {
            invoker.objectCreated(event("originals/a/b"));

            assertThat(invoker.awaitIdle(Duration.ofMillis(50))).isFalse();
            release.countDown();
            assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void the_function_gets_a_context_with_a_logger_and_time_left() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        RequestStreamHandler inspecting = (in, out, context) -> {
            context.getLogger().log("hello from the processor");
            if (context.getRemainingTimeInMillis() > 0 && context.getAwsRequestId() != null
                    && "processor".equals(context.getFunctionName())) {
                checks.incrementAndGet();
            }
        };
        try (ProcessorInvoker invoker = new ProcessorInvoker(inspecting, "processor", "local", 1, QUICK_RETRIES)) {
            invoker.objectCreated(event("originals/a/b"));

            assertThat(invoker.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(checks).hasValue(1);
        }
    }
}
