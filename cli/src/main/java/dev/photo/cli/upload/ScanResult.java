package dev.photo.cli.upload;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a scan found: the files to upload (grouped by album, so that batches stay whole), the ones that could not be
 * read, the ones passed over with a reason (not photos, symbolic links, files with no album), the ones refused
 * before any request (a folder name that cannot be an album), and how many were left out silently (hidden, junk,
 * excluded by a glob).
 */
public record ScanResult(List<LocalFile> files, List<UploadOutcome> unreadable, List<UploadOutcome> skipped,
                         List<UploadOutcome> rejected, int ignored) {

    public ScanResult {
        files = List.copyOf(files);
        unreadable = List.copyOf(unreadable);
        skipped = List.copyOf(skipped);
        rejected = List.copyOf(rejected);
    }

    public ScanResult(List<LocalFile> files, List<UploadOutcome> unreadable, List<UploadOutcome> skipped) {
        this(files, unreadable, skipped, List.of(), 0);
    }

    /** Every file that will not be sent, with its outcome. */
    public List<UploadOutcome> notSent() {
        return Stream.of(rejected, unreadable, skipped).flatMap(List::stream).toList();
    }
}
