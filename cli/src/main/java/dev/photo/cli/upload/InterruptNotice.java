package dev.photo.cli.upload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;

/** While a run lasts, a shutdown hook (Ctrl-C) stops it, saves the cache, and says what was done and how to go on. */
final class InterruptNotice implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptNotice.class);

    private final Thread hook;

    private InterruptNotice(Thread hook) {
        this.hook = hook;
    }

    /** @param notices where the message goes; {@code null} for no hook */
    static InterruptNotice install(UploadRun run, PrintWriter notices) {
        if (notices == null) {
            return new InterruptNotice(null);
        }
        Thread hook = new Thread(() -> interrupted(run, notices), "photo-upload-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptNotice(hook);
    }

    private static void interrupted(UploadRun run, PrintWriter notices) {
        run.stop();
        run.save();
        notices.printf("%nphoto: interrupted: %d of %d files done; run the same command again to resume "
                + "(files done are skipped, large files continue from their last stored part)%n",
                run.finished(), run.total());
        notices.flush();
    }

    @Override
    public void close() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            LOG.debug("JVM shutting down; the hook runs");
        }
    }
}
