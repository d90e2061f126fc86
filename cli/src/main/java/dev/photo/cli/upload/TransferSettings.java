package dev.photo.cli.upload;

import dev.photo.contract.ApiLimits;
import dev.photo.cli.client.RetryPolicy;

/**
 * How the upload engine moves bytes, and how many files it declares per request.
 *
 * @param parallel           transfers (whole files or parts) in flight at once
 * @param retry              back-off for failed transfers
 * @param multipartThreshold files of at least this many bytes go up as multipart uploads
 * @param partSize           the part size asked for; {@link #partSizeFor(long)} grows it for very large files
 * @param maxSinglePut       the largest file the server takes in one PUT: larger files go multipart whatever the
 *                           threshold ({@link Long#MAX_VALUE} when the server does not say)
 * @param maxBatch           files declared per {@code POST /uploads} at most: what the server advertises as
 *                           {@code maxBatch} ({@link #withMaxBatch})
 */
public record TransferSettings(int parallel, RetryPolicy retry, long multipartThreshold, long partSize,
                               long maxSinglePut, int maxBatch) {

    /** Chosen by measurement on the local stack: see docs/benchmarks.md. */
    public static final int DEFAULT_PARALLEL = 8;
    public static final int DEFAULT_RETRIES = 3;
    /** For servers that give no advice: what suits S3 itself (docs/upload.md, "Single PUT or multipart"). */
    public static final String DEFAULT_MULTIPART_THRESHOLD_TEXT = "64MiB";
    public static final long DEFAULT_MULTIPART_THRESHOLD = 64L << 20;
    public static final String DEFAULT_PART_SIZE_TEXT = "16MiB";
    public static final long DEFAULT_PART_SIZE = 16L << 20;
    /** S3's limits, as the API contract states them. */
    public static final long MIN_PART_SIZE = ApiLimits.MIN_PART_BYTES;
    public static final long MAX_PART_SIZE = ApiLimits.MAX_PART_BYTES;
    public static final int MAX_PARTS = ApiLimits.MAX_PARTS;
    /** For servers that do not advertise {@code maxBatch}: the API's limit since its first version. */
    public static final int DEFAULT_MAX_BATCH = ApiLimits.MAX_BATCH;
    /**
     * The most files per batch this client declares whatever the server allows: two batches are queued ahead of
     * the transfers, and memory must stay flat.
     */
    public static final int MAX_ADVISED_BATCH = 1_000;

    public TransferSettings {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size must be between 5 MiB and 5 GiB");
        }
        if (maxSinglePut < 1) {
            throw new IllegalArgumentException("the largest single PUT must be at least 1 byte");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one file");
        }
    }

    /** Settings with the default batch size, for a server that does not advertise one. */
    public TransferSettings(int parallel, RetryPolicy retry, long multipartThreshold, long partSize,
                            long maxSinglePut) {
        this(parallel, retry, multipartThreshold, partSize, maxSinglePut, DEFAULT_MAX_BATCH);
    }

    /** Settings for a server whose single-PUT limit is not known. */
    public TransferSettings(int parallel, RetryPolicy retry, long multipartThreshold, long partSize) {
        this(parallel, retry, multipartThreshold, partSize, Long.MAX_VALUE);
    }

    /**
     * These settings declaring at most {@code advertised} files per request ({@code GET /config}'s {@code maxBatch});
     * the default when the server gives none or one below 1, and never more than {@link #MAX_ADVISED_BATCH}.
     */
    public TransferSettings withMaxBatch(Integer advertised) {
        int batch = advertised == null || advertised < 1 ? DEFAULT_MAX_BATCH
                : Math.min(advertised, MAX_ADVISED_BATCH);
        return new TransferSettings(parallel, retry, multipartThreshold, partSize, maxSinglePut, batch);
    }

    public static TransferSettings defaults(RetryPolicy retry) {
        return new TransferSettings(DEFAULT_PARALLEL, retry, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /** Whether a file of {@code size} bytes goes up in parts: at the threshold, or when one PUT cannot carry it. */
    public boolean multipart(long size) {
        return size >= multipartThreshold || size > maxSinglePut;
    }

    /** The part size for a file of {@code size} bytes: the one asked for, grown in whole MiB to fit 10000 parts. */
    public long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        if (needed <= partSize) {
            return partSize;
        }
        long mib = 1L << 20;
        return (needed + mib - 1) / mib * mib;
    }

    /** How many parts a file of {@code size} bytes has. */
    public int partCount(long size) {
        long part = partSizeFor(size);
        return (int) Math.max(1, (size + part - 1) / part);
    }
}
