package dev.photo.cli.mixin;

import dev.photo.cli.CliException;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.upload.TransferSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --parallel} and {@code --retries}: how many transfers at once, and how often each is tried again. */
public final class ConcurrencyOptions {

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + TransferSettings.DEFAULT_PARALLEL,
            description = "Transfers (files or parts) at the same time, 1-64 (default: ${DEFAULT-VALUE}).")
    int parallel = TransferSettings.DEFAULT_PARALLEL;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + TransferSettings.DEFAULT_RETRIES,
            description = "Retries of a failed transfer, with back-off and jitter, 0-10 (default: ${DEFAULT-VALUE}).")
    int retries = TransferSettings.DEFAULT_RETRIES;

    /**
     * Checks the values given, before anything is asked of the server.
     *
     * @throws CliException a usage error for a value out of range
     */
    public void validate() {
        if (parallel < 1 || parallel > 64) {
            throw CliException.usage("--parallel must be between 1 and 64");
        }
        if (retries < 0 || retries > 10) {
            throw CliException.usage("--retries must be between 0 and 10");
        }
    }

    public int parallel() {
        return parallel;
    }

    /** The retries asked for, the first one after {@code baseDelay} at most. */
    public RetryPolicy retry(Duration baseDelay) {
        return new RetryPolicy(retries, baseDelay);
    }
}
