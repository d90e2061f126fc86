package dev.photo.cli.upload;

/** One file's line in the upload report. */
public record UploadOutcome(String path, String name, UploadStatus status, String photoId, String reason) {

    public static UploadOutcome failed(String path, String name, String reason) {
        return new UploadOutcome(path, name, UploadStatus.FAILED, null, reason);
    }
}
