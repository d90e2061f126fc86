package dev.photo.local.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTest {

    @Test
    void await_none_waits_for_every_begun_piece_of_work_to_end() throws Exception {
        InFlight inFlight = new InFlight();
        assertThat(inFlight.awaitNone(Duration.ZERO)).isTrue();

        inFlight.begin();
        inFlight.begin();
        inFlight.end();
        assertThat(inFlight.awaitNone(Duration.ofMillis(20))).isFalse();

        Thread ender = new Thread(inFlight::end);
        ender.start();
        assertThat(inFlight.awaitNone(Duration.ofSeconds(10))).isTrue();
        ender.join();
    }
}
