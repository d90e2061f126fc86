package dev.photo.cli.upload;

import java.util.List;

/**
 * The files found under the arguments, the ones that could not be read while walking, and the ones passed over
 * because they are not photos.
 */
public record ScanResult(List<LocalFile> files, List<UploadOutcome> unreadable, List<UploadOutcome> skipped) {

    public ScanResult {
        files = List.copyOf(files);
        unreadable = List.copyOf(unreadable);
        skipped = List.copyOf(skipped);
    }
}
