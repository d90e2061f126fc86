package dev.photo.cli.client;

/** The answer for one file of a batch: {@code upload}, {@code duplicate} or {@code rejected}. */
public record UploadResult(int index, String name, String status, String photoId, PresignedUpload upload,
                           ApiError error) {

    public static final String UPLOAD = "upload";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";
}
