package dev.photo.cli.upload;

import java.util.List;

/** The files found under the arguments, and the ones that could not be read while walking. */
public record ScanResult(List<LocalFile> files, List<UploadOutcome> unreadable) {

    public ScanResult {
        files = List.copyOf(files);
        unreadable = List.copyOf(unreadable);
    }
}
