package dev.photo.cli.client;

/**
 * How one transfer to a presigned URL ended.
 *
 * @param status   what happened
 * @param attempts attempts made with this URL (an expired URL's attempt is not a failure and not retried here)
 * @param reason   why it failed or expired; {@code null} when stored
 * @param etag     the ETag S3 answered (a multipart part's receipt); {@code null} when unknown
 */
public record TransferResult(Status status, int attempts, String reason, String etag) {

    /** The possible ends of a transfer. */
    public enum Status {
        /** S3 took the bytes. */
        STORED,
        /** S3 answered 412 to {@code If-None-Match: *}: an earlier attempt whose answer was lost got through. */
        ALREADY_STORED,
        /** The presigned URL expired: presign again and send again; not a failed attempt. */
        EXPIRED,
        /** Failed after the retries allowed, or with an error that no retry fixes. */
        FAILED
    }

    public static TransferResult success(int attempts) {
        return new TransferResult(Status.STORED, attempts, null, null);
    }

    /** The URL expired; {@code attempts} failed attempts were made with it before (the expired one not counted). */
    public static TransferResult expired(int attempts) {
        return new TransferResult(Status.EXPIRED, attempts, "the upload URL expired", null);
    }

    public static TransferResult failure(int attempts, String reason) {
        return new TransferResult(Status.FAILED, attempts, reason, null);
    }

    public boolean ok() {
        return status == Status.STORED || status == Status.ALREADY_STORED;
    }

    public boolean expired() {
        return status == Status.EXPIRED;
    }
}
