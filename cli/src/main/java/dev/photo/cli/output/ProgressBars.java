package dev.photo.cli.output;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.text.DecimalFormat;

/**
 * Progress bars drawn on the command's stderr writer (not on System.err), redrawn in place with carriage returns.
 * ASCII only and never coloured, so that they look the same with {@code $NO_COLOR}, on any character set, and in
 * a captured log.
 */
public final class ProgressBars {

    /** When the terminal does not say how wide it is. */
    static final int DEFAULT_WIDTH = 80;

    private ProgressBars() {
    }

    /**
     * A bar counting bytes, with rate and ETA, at most {@code width} columns wide (0: the default):
     * {@code upload 40% [===   ] 160/400 MiB (0:00:02 / 0:00:03) 80.0 MiB/s}.
     */
    public static ProgressBar bytes(String task, long totalBytes, PrintWriter err, int width) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                // the leading space keeps the unit apart from the number: 160/400 MiB, 80.0 MiB/s
                .setUnit(" MiB", 1024 * 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .showSpeed(new DecimalFormat("0.0"))
                .setConsumer(new WriterConsumer(err, width))
                .build();
    }

    /** A bar counting things (photos processed) with ETA and no rate. */
    public static ProgressBar count(String task, long total, PrintWriter err, int width) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new WriterConsumer(err, width))
                .build();
    }

    private static final class WriterConsumer implements ProgressBarConsumer {

        private final PrintWriter err;
        private final int width;

        WriterConsumer(PrintWriter err, int width) {
            this.err = err;
            // one column short of the terminal's: a line that fills it exactly wraps on some terminals
            this.width = width > 1 ? width - 1 : DEFAULT_WIDTH;
        }

        @Override
        public int getMaxRenderedLength() {
            return width;
        }

        @Override
        public void accept(String rendered) {
            synchronized (err) {
                err.print('\r');
                err.print(rendered);
                err.flush();
            }
        }

        @Override
        public void close() {
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }
}
