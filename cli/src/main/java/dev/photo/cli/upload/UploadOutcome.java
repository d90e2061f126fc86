package dev.photo.cli.upload;

import java.util.Objects;

/**
 * One file's line in the upload report.
 *
 * @param path        the file as the user named it
 * @param name        the name the server records
 * @param status      how the upload of the file ended
 * @param photoId     the photo it is (uploaded or duplicate), if any
 * @param reason      why it was rejected, failed or skipped; with {@code --wait}, why processing rejected it
 * @param album       the album it went (or would go) into; {@code null} when it had none
 * @param photoStatus with {@code --wait}: the photo's status when the wait ended ({@code READY}, {@code REJECTED},
 *                    or {@code PENDING} if the wait timed out); otherwise {@code null}
 */
public record UploadOutcome(String path, String name, UploadStatus status, String photoId, String reason,
                            String album, String photoStatus) {

    public static final String READY = "READY";
    public static final String PENDING = "PENDING";
    public static final String REJECTED = "REJECTED";
    /** The photo was deleted while {@code --wait} waited for it. */
    public static final String MISSING = "MISSING";

    public UploadOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** An outcome before its album and processing are known. */
    public UploadOutcome(String path, String name, UploadStatus status, String photoId, String reason) {
        this(path, name, status, photoId, reason, null, null);
    }

    public static UploadOutcome failed(String path, String name, String reason) {
        return new UploadOutcome(path, name, UploadStatus.FAILED, null, reason);
    }

    public UploadOutcome withAlbum(String newAlbum) {
        return new UploadOutcome(path, name, status, photoId, reason, newAlbum, photoStatus);
    }

    /** The photo's status when {@code --wait} ended, and the processor's reason for a rejection. */
    public UploadOutcome processed(String finalStatus, String processingReason) {
        return new UploadOutcome(path, name, status, photoId, processingReason, album, finalStatus);
    }

    /**
     * Whether this file was meant to be stored and is not: rejected or failed, or with {@code --wait} rejected by
     * processing or still pending when the wait ended. These make the exit code non-zero.
     */
    public boolean failure() {
        return status.failure() || (photoStatus != null && !READY.equals(photoStatus));
    }
}
