package dev.photo.cli.output;

import dev.photo.cli.download.DownloadItem;
import dev.photo.cli.download.DownloadListener;
import dev.photo.cli.download.DownloadOutcome;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one progress bar of a download run on stderr: bytes of all files, rate, ETA, and files ended of all. Only for
 * a person at a terminal; a script's stderr stays free of carriage returns (the command then makes none).
 * <p>
 * A file skipped (already there) counts as done at once; bytes an interrupted run had stored count when its
 * transfer resumes; a thumbnail's size joins the total once it is known, as the listing does not give it.
 */
public final class DownloadProgress implements DownloadListener, AutoCloseable {

    private final int totalFiles;
    private final AtomicLong totalBytes;
    private final ProgressBar bar;
    private final AtomicLong done = new AtomicLong();
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicInteger filesFailed = new AtomicInteger();

    /** A bar at most {@code width} columns wide (the terminal's; 0: the default width). */
    public DownloadProgress(int totalFiles, long totalBytes, PrintWriter err, int width) {
        this.totalFiles = totalFiles;
        this.totalBytes = new AtomicLong(totalBytes);
        this.bar = ProgressBars.bytes("download", Math.max(1, totalBytes), err, width);
        bar.setExtraMessage(extra());
    }

    @Override
    public void transferred(long bytes) {
        done.addAndGet(bytes);
        changed();
    }

    @Override
    public void sized(long bytes) {
        bar.maxHint(Math.max(1, totalBytes.addAndGet(bytes)));
        changed();
    }

    @Override
    public void finished(DownloadItem item, DownloadOutcome outcome) {
        if (outcome.ok()) {
            if (outcome.status() == DownloadOutcome.Status.SKIPPED && item.expectedSize() != null) {
                done.addAndGet(item.expectedSize());
            }
            filesDone.incrementAndGet();
        } else {
            filesFailed.incrementAndGet();
        }
        changed();
    }

    private synchronized void changed() {
        bar.stepTo(Math.max(0, Math.min(done.get(), totalBytes.get())));
        bar.setExtraMessage(extra());
    }

    /** After the bar's rate, which its renderer writes with nothing after it: hence the leading separator. */
    private String extra() {
        int failed = filesFailed.get();
        return ", " + filesDone.get() + "/" + totalFiles + " files" + (failed == 0 ? "" : ", " + failed + " failed");
    }

    @Override
    public synchronized void close() {
        if (filesDone.get() >= totalFiles) {
            done.set(totalBytes.get());
        }
        bar.stepTo(Math.max(0, Math.min(done.get(), totalBytes.get())));
        bar.setExtraMessage(extra());
        bar.close();
    }
}
