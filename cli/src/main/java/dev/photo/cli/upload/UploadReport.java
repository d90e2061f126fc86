package dev.photo.cli.upload;

import dev.photo.cli.ExitCodes;

import java.util.List;

/** Every file's outcome and the totals: the document {@code photo upload --output json} prints. */
public record UploadReport(List<UploadOutcome> files, UploadTotals totals) {

    public static UploadReport of(List<UploadOutcome> outcomes) {
        return new UploadReport(List.copyOf(outcomes), UploadTotals.of(outcomes));
    }

    /**
     * OK when every photo is stored (uploaded or already there); PARTIAL when some are and some are not (rejected
     * files count as not stored); ERROR when none is. Skipped files (not photos) count neither way.
     */
    public int exitCode() {
        int notStored = totals.rejected() + totals.failed();
        if (notStored == 0) {
            return ExitCodes.OK;
        }
        return notStored == totals.total() - totals.skipped() ? ExitCodes.ERROR : ExitCodes.PARTIAL;
    }
}
