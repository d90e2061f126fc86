package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer for one file of a batch: {@code upload}, {@code multipart}, {@code duplicate} or {@code rejected}.
 *
 * @param multipart set on {@code multipart} results: the upload id and the first part URLs
 */
public record UploadResult(int index, String name, String status, String photoId, PresignedUpload upload,
                           ApiError error,
                           @JsonInclude(JsonInclude.Include.NON_NULL) MultipartPlan multipart) {

    public static final String UPLOAD = "upload";
    public static final String MULTIPART = "multipart";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    /** Why the API refused the file, as it said it: its message, else its code. */
    public String rejectionReason() {
        if (error == null) {
            return "rejected by the API";
        }
        return error.message() != null ? error.message() : error.code();
    }
}
