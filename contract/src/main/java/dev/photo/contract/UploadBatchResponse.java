package dev.photo.contract;

import java.util.List;

/** The body answering {@code POST /uploads}: one result per file, in request order. */
public record UploadBatchResponse(List<UploadResult> results) {

    public UploadBatchResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
