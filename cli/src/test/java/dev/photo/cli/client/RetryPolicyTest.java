package dev.photo.cli.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void waits_grow_exponentially_to_a_cap_with_full_jitter() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100));

        assertThat(policy.ceilingMillis(1)).isEqualTo(100);
        assertThat(policy.ceilingMillis(2)).isEqualTo(200);
        assertThat(policy.ceilingMillis(4)).isEqualTo(800);
        assertThat(policy.ceilingMillis(30)).isEqualTo(RetryPolicy.MAX_DELAY.toMillis());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long delay = policy.delayMillis(4);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(min).as("full jitter reaches down to zero").isBetween(0L, 80L);
        assertThat(max).isBetween(720L, 800L);
    }

    @Test
    void counts_retries_after_the_first_attempt() {
        RetryPolicy policy = new RetryPolicy(2, Duration.ZERO);

        assertThat(policy.canRetryAfter(1)).isTrue();
        assertThat(policy.canRetryAfter(2)).isTrue();
        assertThat(policy.canRetryAfter(3)).isFalse();
    }
}
