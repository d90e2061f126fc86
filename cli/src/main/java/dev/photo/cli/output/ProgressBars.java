package dev.photo.cli.output;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.text.DecimalFormat;

/** One overall progress bar drawn on the command's stderr writer (not on System.err). */
public final class ProgressBars {

    private static final int WIDTH = 80;

    private ProgressBars() {
    }

    /** A bar counting bytes, with rate and ETA, redrawn in place with carriage returns. */
    public static ProgressBar bytes(String task, long totalBytes, PrintWriter err) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit("MiB", 1024 * 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .showSpeed(new DecimalFormat("0.0"))
                .setConsumer(new WriterConsumer(err))
                .build();
    }

    private static final class WriterConsumer implements ProgressBarConsumer {

        private final PrintWriter err;

        WriterConsumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
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
