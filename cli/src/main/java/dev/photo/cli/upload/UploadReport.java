package dev.photo.cli.upload;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.photo.cli.ExitCodes;

import java.util.List;

/**
 * Every file's outcome and the totals: the document {@code photo upload --output json} prints.
 *
 * @param dryRun whether this is the plan of {@code --dry-run} rather than what happened
 */
@JsonPropertyOrder({"dryRun", "files", "totals"})
public record UploadReport(List<UploadOutcome> files, UploadTotals totals, boolean dryRun) {

    public UploadReport {
        files = List.copyOf(files);
    }

    public UploadReport(List<UploadOutcome> files, UploadTotals totals) {
        this(files, totals, false);
    }

    public static UploadReport of(List<UploadOutcome> outcomes) {
        return new UploadReport(outcomes, UploadTotals.of(outcomes));
    }

    public static UploadReport of(List<UploadOutcome> outcomes, int ignored, boolean dryRun) {
        return new UploadReport(outcomes, UploadTotals.of(outcomes, ignored), dryRun);
    }

    /**
     * OK when every photo is stored (uploaded or already there; with {@code --wait} also processed READY); PARTIAL
     * when some are and some are not (rejected, failed, rejected by processing, still pending after the wait);
     * ERROR when none is. Skipped files count neither way. A dry run is OK unless some file would be rejected or
     * cannot be read, then PARTIAL.
     */
    public int exitCode() {
        long notStored = files.stream().filter(UploadOutcome::failure).count();
        if (notStored == 0) {
            return ExitCodes.OK;
        }
        if (dryRun) {
            return ExitCodes.PARTIAL;
        }
        return notStored == totals.total() - totals.skipped() ? ExitCodes.ERROR : ExitCodes.PARTIAL;
    }
}
