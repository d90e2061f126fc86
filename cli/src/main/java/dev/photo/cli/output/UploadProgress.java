package dev.photo.cli.output;

import dev.photo.cli.upload.LocalFile;
import dev.photo.cli.upload.UploadListener;
import dev.photo.cli.upload.UploadOutcome;
import dev.photo.cli.upload.UploadStatus;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of one upload (or dry run) on stderr, driven by {@link UploadListener} events from the worker
 * threads: overall bytes, files done of all, rate and ETA, and how far hashing is while it runs. On a terminal it is
 * one bar redrawn in place; otherwise a plain line every {@code interval} (by the given clock) and one at the end,
 * so that logs of scripts and CI show that something happens without drowning in carriage returns.
 * <p>
 * A file that failed or was rejected is not done: it is counted apart ({@code 1 failed}) and its bytes never join
 * the bytes done (the transfer client takes a failed attempt's bytes back), so a run with failures ends short of
 * its total. Parts of a multipart upload that got stored before it failed stay counted: they are on the server and
 * the next run does not send them again.
 */
public final class UploadProgress implements UploadListener, AutoCloseable {

    /** How often the plain lines come when stderr is not a terminal. */
    public static final Duration LINE_INTERVAL = Duration.ofSeconds(5);

    private final String task;
    private final int totalFiles;
    private final long totalBytes;
    private final PrintWriter err;
    private final Clock clock;
    private final Duration interval;
    private final Instant start;
    private final ProgressBar bar;
    private final ScheduledExecutorService ticker;
    private final AtomicLong hashed = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicInteger filesFailed = new AtomicInteger();
    private Instant nextLine;
    private boolean closed;

    private UploadProgress(String task, int totalFiles, long totalBytes, PrintWriter err, Clock clock,
                           Duration interval, boolean terminal, int width, boolean tick) {
        this.task = task;
        this.totalFiles = totalFiles;
        this.totalBytes = totalBytes;
        this.err = err;
        this.clock = clock;
        this.interval = interval;
        this.start = clock.instant();
        this.nextLine = start.plus(interval);
        this.bar = terminal ? ProgressBars.bytes(task, totalBytes, err, width) : null;
        this.ticker = terminal || !tick ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "photo-progress");
            thread.setDaemon(true);
            return thread;
        });
        if (ticker != null) {
            // events alone would leave the log silent while a slow request or a back-off holds every worker
            ticker.scheduleAtFixedRate(this::lineIfDue, 1, 1, TimeUnit.SECONDS);
        }
        if (bar != null) {
            bar.setExtraMessage(extra());
        }
    }

    /** A bar on a terminal, plain lines otherwise. */
    public static UploadProgress start(String task, int totalFiles, long totalBytes, PrintWriter err,
                                       boolean terminal, Clock clock, Duration interval) {
        return start(task, totalFiles, totalBytes, err, terminal, 0, clock, interval);
    }

    /** As above, the bar at most {@code width} columns wide (the terminal's; 0: the default). */
    public static UploadProgress start(String task, int totalFiles, long totalBytes, PrintWriter err,
                                       boolean terminal, int width, Clock clock, Duration interval) {
        return new UploadProgress(task, totalFiles, totalBytes, err, clock, interval, terminal, width, true);
    }

    /** Lines only when events come: the clock alone decides, for tests that count lines. */
    static UploadProgress startUnticked(String task, int totalFiles, long totalBytes, PrintWriter err,
                                        boolean terminal, Clock clock, Duration interval) {
        return new UploadProgress(task, totalFiles, totalBytes, err, clock, interval, terminal, 0, false);
    }

    @Override
    public void hashed(long bytes) {
        hashed.addAndGet(bytes);
        changed();
    }

    @Override
    public void sent(long bytes) {
        done.addAndGet(bytes);
        changed();
    }

    /** Parts an earlier run stored: done, though not sent again. */
    @Override
    public void resumed(long bytes) {
        done.addAndGet(bytes);
        changed();
    }

    @Override
    public void finished(LocalFile file, UploadOutcome outcome) {
        if (outcome.status().failure()) {
            filesFailed.incrementAndGet();
        } else {
            // a file sent moved the byte count as it went; a duplicate, a skipped file, a dry run's plan is done
            // in one step
            if (outcome.status() != UploadStatus.UPLOADED) {
                done.addAndGet(file.size());
            }
            filesDone.incrementAndGet();
        }
        changed();
    }

    private int filesEnded() {
        return filesDone.get() + filesFailed.get();
    }

    private void changed() {
        if (bar != null) {
            bar.stepTo(Math.min(done.get(), totalBytes));
            bar.setExtraMessage(extra());
        } else {
            lineIfDue();
        }
    }

    private void lineIfDue() {
        Instant now = clock.instant();
        synchronized (err) {
            if (closed || now.isBefore(nextLine)) {
                return;
            }
            nextLine = now.plus(interval);
            err.println("photo: " + line(now, false));
            err.flush();
        }
    }

    /** The plain line: {@code upload 120/200 files, 1 failed, 480.0 MiB/800.0 MiB, 95.0 MiB/s, ETA 3s}. */
    String line(Instant now, boolean last) {
        long bytes = Math.min(done.get(), totalBytes);
        StringBuilder line = new StringBuilder(task).append(' ').append(files()).append(", ")
                .append(Sizes.human(bytes)).append('/').append(Sizes.human(totalBytes));
        double seconds = Duration.between(start, now).toMillis() / 1000.0;
        if (seconds > 0) {
            double rate = bytes / seconds;
            line.append(", ").append(Sizes.human((long) rate)).append("/s");
            if (last) {
                line.append(", in ").append(wholeSeconds(seconds));
            } else if (rate > 0) {
                line.append(", ETA ").append(wholeSeconds((totalBytes - bytes) / rate));
            }
        }
        String hashing = hashing();
        if (!last && !hashing.isEmpty()) {
            line.append(", ").append(hashing);
        }
        return line.toString();
    }

    /** {@code 120/200 files}, and {@code , 1 failed} once one has. */
    private String files() {
        int failed = filesFailed.get();
        return filesDone.get() + "/" + totalFiles + " files" + (failed == 0 ? "" : ", " + failed + " failed");
    }

    /**
     * After the bar's rate, which the bar's renderer writes with nothing after it: two spaces keep the two apart
     * ({@code 249.3 MiB/s  40/40 files}, not {@code 249.3MiB/s40/40 files}).
     */
    String extra() {
        String hashing = hashing();
        return "  " + files() + (hashing.isEmpty() ? "" : ", " + hashing);
    }

    private String hashing() {
        long h = hashed.get();
        if (h == 0 || h >= totalBytes || filesEnded() >= totalFiles) {
            return "";
        }
        return String.format(Locale.ROOT, "hashed %d%%", h * 100 / Math.max(1, totalBytes));
    }

    private static String wholeSeconds(double seconds) {
        return Math.round(Math.ceil(seconds)) + "s";
    }

    /** Ends the display: the bar at its final state, or the last line. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (filesDone.get() >= totalFiles) {
            // every file ended well: whatever path its bytes took (a retry, a resumed part), they are all done
            done.set(totalBytes);
        }
        if (bar != null) {
            bar.stepTo(Math.min(done.get(), totalBytes));
            bar.setExtraMessage(extra());
            bar.close();
            return;
        }
        synchronized (err) {
            if (closed) {
                return;
            }
            closed = true;
            err.println("photo: " + line(clock.instant(), true));
            err.flush();
        }
    }
}
