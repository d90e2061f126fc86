package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of {@code POST /uploads}.
 *
 * @param dryRun {@code true} to have the entries judged without anything recorded or presigned; {@code null}
 *               (left out of the JSON) for a real request
 */
public record UploadBatchRequest(String album, List<UploadFileRequest> files,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean dryRun) {

    public UploadBatchRequest(String album, List<UploadFileRequest> files) {
        this(album, files, null);
    }

    public static UploadBatchRequest dryRun(String album, List<UploadFileRequest> files) {
        return new UploadBatchRequest(album, files, true);
    }
}
