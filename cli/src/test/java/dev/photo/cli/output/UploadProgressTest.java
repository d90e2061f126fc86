package dev.photo.cli.output;

import dev.photo.cli.SteppingClock;
import dev.photo.cli.upload.LocalFile;
import dev.photo.cli.upload.UploadOutcome;
import dev.photo.cli.upload.UploadStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UploadProgressTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void a_line_tells_files_bytes_rate_eta_and_hashing() {
        StringWriter err = new StringWriter();
        // every reading of the clock is one second later
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(1));
        UploadProgress progress = UploadProgress.startUnticked("upload", 4, 400 * MIB, new PrintWriter(err), false, clock,
                Duration.ofHours(1));

        progress.hashed(200 * MIB);
        progress.sent(100 * MIB);
        String line = progress.line(Instant.parse("2026-11-28T00:00:10Z"), false);

        assertThat(line).isEqualTo("upload 0/4 files, 100.0 MiB/400.0 MiB, 10.0 MiB/s, ETA 30s, hashed 50%");
        assertThat(err.toString()).as("nothing before the interval").isEmpty();
        progress.close();
    }

    @Test
    void lines_come_at_the_interval_by_the_clock_and_once_at_the_end() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(3));
        LocalFile a = new LocalFile(Path.of("a.jpg"), "a.jpg", 10 * MIB, "trip");
        LocalFile b = new LocalFile(Path.of("b.jpg"), "b.jpg", 10 * MIB, "trip");
        UploadProgress progress = UploadProgress.startUnticked("upload", 2, 20 * MIB, new PrintWriter(err), false, clock,
                Duration.ofSeconds(5));

        progress.sent(10 * MIB);
        progress.finished(a, new UploadOutcome("a.jpg", "a.jpg", UploadStatus.UPLOADED, "1", null));
        progress.finished(b, new UploadOutcome("b.jpg", "b.jpg", UploadStatus.DUPLICATE, "2", null));
        progress.close();

        assertThat(err.toString().lines().toList()).containsExactly(
                "photo: upload 1/2 files, 10.0 MiB/20.0 MiB, 1.7 MiB/s, ETA 6s",
                "photo: upload 2/2 files, 20.0 MiB/20.0 MiB, 1.7 MiB/s, in 12s");
    }

    @Test
    void on_a_terminal_one_bar_reaches_100_percent_with_the_file_count() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(1));
        LocalFile a = new LocalFile(Path.of("a.jpg"), "a.jpg", MIB, "trip");
        UploadProgress progress = UploadProgress.startUnticked("upload", 1, MIB, new PrintWriter(err), true, clock,
                Duration.ofSeconds(5));

        progress.hashed(MIB);
        progress.sent(MIB);
        progress.finished(a, new UploadOutcome("a.jpg", "a.jpg", UploadStatus.UPLOADED, "1", null));
        progress.close();

        assertThat(err.toString()).contains("\r").contains("100%").contains("1/1 files").contains("upload");
    }

    @Test
    void a_failed_put_counts_neither_as_a_file_done_nor_as_bytes_done() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(1));
        LocalFile a = new LocalFile(Path.of("a.jpg"), "a.jpg", 40 * 1024, "trip");
        UploadProgress progress = UploadProgress.startUnticked("upload", 1, 40 * 1024, new PrintWriter(err), false,
                clock, Duration.ofHours(1));

        // the transfer client counts the bytes as they go and takes them back when the attempt fails
        progress.sent(40 * 1024);
        progress.sent(-40 * 1024);
        progress.finished(a, UploadOutcome.failed("a.jpg", "a.jpg", "storage answered HTTP 500"));
        progress.close();

        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("photo: upload 0/1 files, 1 failed, 0 B/40.0 KiB,");
    }

    @Test
    void a_rejected_file_is_counted_apart_and_the_others_still_complete_their_bytes() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(1));
        LocalFile a = new LocalFile(Path.of("a.jpg"), "a.jpg", 10 * MIB, "trip");
        LocalFile b = new LocalFile(Path.of("b.svg.jpg"), "b.svg.jpg", 10 * MIB, "trip");
        UploadProgress progress = UploadProgress.startUnticked("upload", 2, 20 * MIB, new PrintWriter(err), false,
                clock, Duration.ofHours(1));

        progress.sent(10 * MIB);
        progress.finished(a, new UploadOutcome("a.jpg", "a.jpg", UploadStatus.UPLOADED, "1", null));
        progress.finished(b, new UploadOutcome("b.svg.jpg", "b.svg.jpg", UploadStatus.REJECTED, null, "not a photo"));
        progress.close();

        assertThat(err.toString()).startsWith("photo: upload 1/2 files, 1 failed, 10.0 MiB/20.0 MiB,");
    }

    @Test
    void the_bar_separates_its_rate_from_the_file_count() {
        StringWriter err = new StringWriter();
        SteppingClock clock = new SteppingClock(Instant.parse("2026-11-28T00:00:00Z"), Duration.ofSeconds(1));
        LocalFile a = new LocalFile(Path.of("a.jpg"), "a.jpg", MIB, "trip");
        UploadProgress progress = UploadProgress.startUnticked("upload", 1, MIB, new PrintWriter(err), true, clock,
                Duration.ofSeconds(5));

        progress.sent(MIB);
        progress.finished(a, new UploadOutcome("a.jpg", "a.jpg", UploadStatus.UPLOADED, "1", null));
        progress.close();

        assertThat(err.toString()).containsPattern("[\\d?] MiB/s  1/1 files").doesNotContainPattern("/s\\d");
    }
}
