package dev.photo.cli.mixin;

import dev.photo.contract.BackendInfo;
import dev.photo.cli.CliException;
import dev.photo.cli.upload.TransferSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How {@code photo upload} moves bytes: parallelism, retries, and when and how to go multipart. */
public final class TransferOptions {

    @Mixin
    ConcurrencyOptions concurrency = new ConcurrencyOptions();

    @Option(names = "--multipart-threshold", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Files this large or larger go up in parts, e.g. 64MiB (default: the server's advice, "
                    + TransferSettings.DEFAULT_MULTIPART_THRESHOLD_TEXT + " if it gives none). Files larger than "
                    + "the server takes in one PUT go up in parts whatever this says.")
    Long multipartThreshold;

    @Option(names = "--part-size", paramLabel = "SIZE", converter = ByteSize.class,
            description = "Size of each part, at least 5MiB; grown so that a file has at most 10000 parts "
                    + "(default: the server's advice, " + TransferSettings.DEFAULT_PART_SIZE_TEXT
                    + " if it gives none).")
    Long partSize;

    /**
     * Checks the values given, before anything is asked of the server.
     *
     * @throws CliException a usage error for a value out of range
     */
    public void validate() {
        concurrency.validate();
        if (partSize != null
                && (partSize < TransferSettings.MIN_PART_SIZE || partSize > TransferSettings.MAX_PART_SIZE)) {
            throw CliException.usage("--part-size must be between 5MiB and 5GiB");
        }
        if (multipartThreshold != null && multipartThreshold < 1) {
            throw CliException.usage("--multipart-threshold must be at least 1 byte");
        }
    }

    /**
     * The settings these options describe for {@code server}, with retries waiting {@code retryBaseDelay} at first.
     * A size not given follows the server's advice ({@code GET /config}), else the client's default: only the
     * server knows whether its store favours one PUT or parts.
     *
     * @throws CliException a usage error for a value out of range
     */
    public TransferSettings settings(Duration retryBaseDelay, BackendInfo server) {
        validate();
        long threshold = multipartThreshold != null ? multipartThreshold
                : advised(server.multipartThresholdBytes(), 1, Long.MAX_VALUE,
                        TransferSettings.DEFAULT_MULTIPART_THRESHOLD);
        long part = partSize != null ? partSize
                : advised(server.partBytes(), partLimit(server.minPartBytes(), TransferSettings.MIN_PART_SIZE),
                        partLimit(server.maxPartBytes(), TransferSettings.MAX_PART_SIZE),
                        TransferSettings.DEFAULT_PART_SIZE);
        long maxSinglePut = advised(server.maxUploadBytes(), 1, Long.MAX_VALUE, Long.MAX_VALUE);
        return new TransferSettings(concurrency.parallel(), concurrency.retry(retryBaseDelay), threshold, part,
                maxSinglePut);
    }

    /**
     * A part-size bound {@code GET /config} advertises, kept within S3's own (which the client's settings enforce),
     * so that a server with narrower limits never gets advice it would refuse.
     */
    private static long partLimit(Long advertised, long s3Limit) {
        return advertised == null ? s3Limit
                : Math.max(TransferSettings.MIN_PART_SIZE, Math.min(TransferSettings.MAX_PART_SIZE, advertised));
    }

    /** The server's value, unless it gives none or one the client could not use. */
    private static long advised(Long value, long min, long max, long fallback) {
        return value != null && value >= min && value <= max ? value : fallback;
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
