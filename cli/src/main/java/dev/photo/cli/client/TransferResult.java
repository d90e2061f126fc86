package dev.photo.cli.client;

/** How one transfer to or from a presigned URL ended; {@code reason} is set when it failed. */
public record TransferResult(boolean ok, int attempts, String reason) {

    public static TransferResult success(int attempts) {
        return new TransferResult(true, attempts, null);
    }

    public static TransferResult failure(int attempts, String reason) {
        return new TransferResult(false, attempts, reason);
    }
}
