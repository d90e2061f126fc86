package dev.photo.cli.mixin;

import dev.photo.cli.CliException;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.upload.TransferSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How {@code photo upload} moves bytes: parallelism, retries, and when and how to go multipart. */
public final class TransferOptions {

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + TransferSettings.DEFAULT_PARALLEL,
            description = "Transfers (files or parts) at the same time, 1-64 (default: ${DEFAULT-VALUE}).")
    int parallel = TransferSettings.DEFAULT_PARALLEL;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "" + TransferSettings.DEFAULT_RETRIES,
            description = "Retries of a failed transfer, with back-off and jitter, 0-10 (default: ${DEFAULT-VALUE}).")
    int retries = TransferSettings.DEFAULT_RETRIES;

    @Option(names = "--multipart-threshold", paramLabel = "SIZE", converter = ByteSize.class,
            defaultValue = TransferSettings.DEFAULT_MULTIPART_THRESHOLD_TEXT,
            description = "Files this large or larger go up in parts, e.g. 64MiB (default: ${DEFAULT-VALUE}).")
    long multipartThreshold = TransferSettings.DEFAULT_MULTIPART_THRESHOLD;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.class,
            defaultValue = TransferSettings.DEFAULT_PART_SIZE_TEXT,
            description = "Size of each part, at least 5MiB; grown so that a file has at most 10000 parts "
                    + "(default: ${DEFAULT-VALUE}).")
    long partSize = TransferSettings.DEFAULT_PART_SIZE;

    public int parallel() {
        return parallel;
    }

    public int retries() {
        return retries;
    }

    /**
     * The settings these options describe, with retries waiting {@code retryBaseDelay} at first.
     *
     * @throws CliException a usage error for a value out of range
     */
    public TransferSettings settings(Duration retryBaseDelay) {
        if (parallel < 1 || parallel > 64) {
            throw CliException.usage("--parallel must be between 1 and 64");
        }
        if (retries < 0 || retries > 10) {
            throw CliException.usage("--retries must be between 0 and 10");
        }
        if (partSize < TransferSettings.MIN_PART_SIZE || partSize > TransferSettings.MAX_PART_SIZE) {
            throw CliException.usage("--part-size must be between 5MiB and 5GiB");
        }
        if (multipartThreshold < 1) {
            throw CliException.usage("--multipart-threshold must be at least 1 byte");
        }
        return new TransferSettings(parallel, new RetryPolicy(retries, retryBaseDelay), multipartThreshold,
                partSize);
    }

    /** Sizes as bytes or with a binary unit: {@code 5242880}, {@code 5MiB}, {@code 5M}, {@code 1GiB}. */
    public static final class ByteSize implements ITypeConverter<Long> {

        private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]?)(i?b)?");

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw CliException.usage("not a size: '" + value + "' (use bytes or a unit: 64MiB, 1GiB)");
            }
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                case "t" -> 40;
                default -> 0;
            };
            long number = Long.parseLong(m.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw CliException.usage("size too large: " + value);
            }
            return number << shift;
        }
    }
}
