package dev.photo.cli.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: the wait before retry {@code n} is uniform between zero and
 * {@code base * 2^(n-1)}, capped, so that parallel uploads hitting the same overloaded server spread out instead of
 * retrying in lock step (full jitter spreads them widest for the same mean wait).
 *
 * @param maxRetries retries after the first attempt
 * @param baseDelay  the longest delay before the first retry
 */
public record RetryPolicy(int maxRetries, Duration baseDelay) {

    static final Duration MAX_DELAY = Duration.ofSeconds(20);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** Whether the attempt numbered {@code attempt} (1 is the first) may be followed by another one. */
    public boolean canRetryAfter(int attempt) {
        return attempt <= maxRetries;
    }

    /** The longest wait after attempt number {@code attempt}: the base doubled per attempt, capped. */
    public long ceilingMillis(int attempt) {
        return Math.min(MAX_DELAY.toMillis(), baseDelay.toMillis() << Math.min(Math.max(attempt - 1, 0), 20));
    }

    /** A wait drawn uniformly from zero to {@link #ceilingMillis(int)}. */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    /** Sleeps before the retry that follows attempt number {@code attempt}. */
    public void pause(int attempt) throws InterruptedException {
        long delay = delayMillis(attempt);
        if (delay > 0) {
            Thread.sleep(delay);
        }
    }
}
