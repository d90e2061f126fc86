package dev.photo.cli.output;

import dev.photo.cli.upload.ProcessingTally;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far processing is while {@code photo upload --wait} polls, on stderr: on a terminal a second bar under the
 * upload's ({@code process 100% [====] 38/40 (0:00:04 / 0:00:00)  37 ready, 1 rejected, 2 pending}), otherwise a
 * line when the counts have moved and {@code interval} has passed, and one at the end, so that a CI log shows the
 * wait going on instead of one still "waiting" line.
 */
public final class ProcessingProgress implements AutoCloseable {

    private final PrintWriter err;
    private final Clock clock;
    private final Duration interval;
    private final Instant start;
    private final ProgressBar bar;
    private ProcessingTally last;
    private String lastLine;
    private Instant nextLine;
    private boolean closed;

    private ProcessingProgress(int total, PrintWriter err, boolean terminal, int width, Clock clock,
                               Duration interval) {
        this.err = err;
        this.clock = clock;
        this.interval = interval;
        this.start = clock.instant();
        this.nextLine = start.plus(interval);
        this.last = new ProcessingTally(0, 0, total);
        this.bar = terminal ? ProgressBars.count("process", total, err, width) : null;
        if (bar != null) {
            bar.setExtraMessage(extra(last));
        }
    }

    /** A bar on a terminal ({@code width} columns; 0: the default), plain lines otherwise. */
    public static ProcessingProgress start(int total, PrintWriter err, boolean terminal, int width, Clock clock,
                                           Duration interval) {
        return new ProcessingProgress(total, err, terminal, width, clock, interval);
    }

    /** After each polling round. */
    public synchronized void update(ProcessingTally tally) {
        last = tally;
        if (bar != null) {
            bar.stepTo(tally.finished());
            bar.setExtraMessage(extra(tally));
            return;
        }
        Instant now = clock.instant();
        String line = line(tally, now, false);
        // the last round's counts are the closing line's to tell
        if (tally.pending() > 0 && !now.isBefore(nextLine) && !line.equals(lastLine)) {
            print(line);
            nextLine = now.plus(interval);
        }
    }

    /**
     * The plain line: {@code processing 13/40 photos: 12 ready, 1 rejected, 27 pending}; at the end
     * {@code processed 40/40 photos: 39 ready, 1 rejected, 0 pending, in 12s}.
     */
    static String line(ProcessingTally tally, Duration elapsed, boolean end) {
        String counts = tally.finished() + "/" + tally.total() + " photo" + (tally.total() == 1 ? "" : "s") + ": "
                + tally.ready() + " ready, " + tally.rejected() + " rejected, " + tally.pending() + " pending";
        if (!end) {
            return "processing " + counts;
        }
        return "processed " + counts + ", in " + Math.max(0, (elapsed.toMillis() + 999) / 1000) + "s";
    }

    private String line(ProcessingTally tally, Instant now, boolean end) {
        return line(tally, Duration.between(start, now), end);
    }

    /** After the bar's counts and times, where the renderer puts one space: one more keeps the two apart. */
    static String extra(ProcessingTally tally) {
        return " " + tally.ready() + " ready, " + tally.rejected() + " rejected, " + tally.pending() + " pending";
    }

    private void print(String line) {
        synchronized (err) {
            lastLine = line;
            err.println("photo: " + line);
            err.flush();
        }
    }

    /** Ends the display: the bar at its final state, or the last line. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.stepTo(last.finished());
            bar.setExtraMessage(extra(last));
            bar.close();
            return;
        }
        print(line(last, clock.instant(), true));
    }
}
