package dev.photo.cli.output;

import dev.photo.cli.upload.ProcessingTally;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessingProgressTest {

    /** A clock the test moves by hand: the polls' timing is the test's to choose. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void without_a_terminal_a_line_comes_when_the_counts_moved_and_the_interval_passed_and_one_at_the_end() {
        StringWriter err = new StringWriter();
        HandClock clock = new HandClock();
        ProcessingProgress progress = ProcessingProgress.start(40, new PrintWriter(err), false, 0, clock,
                Duration.ofSeconds(5));

        progress.update(new ProcessingTally(3, 0, 37));          // before the interval: nothing yet
        clock.advance(Duration.ofSeconds(5));
        progress.update(new ProcessingTally(12, 1, 27));
        clock.advance(Duration.ofSeconds(1));
        progress.update(new ProcessingTally(20, 1, 19));         // within the interval again: quiet
        clock.advance(Duration.ofSeconds(5));
        progress.update(new ProcessingTally(20, 1, 19));
        clock.advance(Duration.ofSeconds(5));
        progress.update(new ProcessingTally(20, 1, 19));         // nothing moved: no repeat
        clock.advance(Duration.ofSeconds(2));
        progress.update(new ProcessingTally(39, 1, 0));
        progress.close();

        assertThat(err.toString().lines()).containsExactly(
                "photo: processing 13/40 photos: 12 ready, 1 rejected, 27 pending",
                "photo: processing 21/40 photos: 20 ready, 1 rejected, 19 pending",
                "photo: processed 40/40 photos: 39 ready, 1 rejected, 0 pending, in 18s");
    }

    @Test
    void a_wait_that_times_out_ends_with_the_photos_still_pending() {
        StringWriter err = new StringWriter();
        HandClock clock = new HandClock();
        ProcessingProgress progress = ProcessingProgress.start(2, new PrintWriter(err), false, 0, clock,
                Duration.ofSeconds(5));

        clock.advance(Duration.ofMinutes(3));
        progress.update(new ProcessingTally(1, 0, 1));
        progress.close();

        assertThat(err.toString().lines()).containsExactly(
                "photo: processing 1/2 photos: 1 ready, 0 rejected, 1 pending",
                "photo: processed 1/2 photos: 1 ready, 0 rejected, 1 pending, in 180s");
    }

    @Test
    void on_a_terminal_a_bar_shows_the_counts_apart_from_its_own_numbers_and_fits_the_width() {
        StringWriter err = new StringWriter();
        ProcessingProgress progress = ProcessingProgress.start(40, new PrintWriter(err), true, 100,
                new HandClock(), Duration.ofSeconds(5));

        progress.update(new ProcessingTally(12, 1, 27));
        progress.update(new ProcessingTally(39, 1, 0));
        progress.close();

        String[] frames = err.toString().split("\r");
        String last = frames[frames.length - 1].strip();
        assertThat(last).startsWith("process 100%").contains("40/40").endsWith(")  39 ready, 1 rejected, 0 pending");
        assertThat(err.toString()).doesNotContain("\u001b");
        for (String frame : frames) {
            assertThat(frame.strip().length()).isLessThanOrEqualTo(99);
        }
    }
}
