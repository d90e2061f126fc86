package dev.photo.cli.client;

import java.util.List;

/** The body of {@code POST /uploads}. */
public record UploadBatchRequest(String album, List<UploadFileRequest> files) {
}
