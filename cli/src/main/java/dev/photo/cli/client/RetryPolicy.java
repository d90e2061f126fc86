package dev.photo.cli.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: retry {@code n} waits between half and all of {@code base * 2^(n-1)}, capped,
 * so that parallel uploads hitting the same overloaded server do not retry in lock step.
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelay  the full delay before the first retry
 */
public record RetryPolicy(int maxRetries, Duration baseDelay) {

    private static final Duration MAX_DELAY = Duration.ofSeconds(20);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** Whether the attempt numbered {@code attempt} (1 is the first) may be followed by another one. */
    public boolean canRetryAfter(int attempt) {
        return attempt <= maxRetries;
    }

    /** Sleeps before the retry that follows attempt number {@code attempt}. */
    public void pause(int attempt) throws InterruptedException {
        long full = Math.min(MAX_DELAY.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        if (full <= 0) {
            return;
        }
        long delay = full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
        Thread.sleep(delay);
    }
}
