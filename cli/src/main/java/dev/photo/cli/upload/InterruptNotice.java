package dev.photo.cli.upload;

import dev.photo.cli.ShutdownHooks;

import java.io.PrintWriter;

/** While a run lasts, a shutdown hook (Ctrl-C) stops it, saves the cache, and says what was done and how to go on. */
final class InterruptNotice implements AutoCloseable {

    private final ShutdownHooks.Registration hook;

    private InterruptNotice(ShutdownHooks.Registration hook) {
        this.hook = hook;
    }

    /** @param notices where the message goes; {@code null} for no hook */
    static InterruptNotice install(UploadRun run, PrintWriter notices) {
        if (notices == null) {
            return new InterruptNotice(null);
        }
        // registered after the session's backend, so on Ctrl-C it runs first: the state is saved before the stack stops
        return new InterruptNotice(ShutdownHooks.onShutdown("save the upload state", () -> interrupted(run, notices)));
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
        if (hook != null) {
            hook.close();
        }
    }
}
