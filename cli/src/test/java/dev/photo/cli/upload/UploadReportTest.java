package dev.photo.cli.upload;

import dev.photo.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UploadReportTest {

    private static UploadOutcome outcome(UploadStatus status) {
        return new UploadOutcome("p", "n", status, status == UploadStatus.UPLOADED ? "id" : null, null);
    }

    @Test
    void all_stored_is_0_some_not_is_3_none_is_1_and_skipped_files_count_neither_way() {
        UploadOutcome up = outcome(UploadStatus.UPLOADED);
        UploadOutcome dup = outcome(UploadStatus.DUPLICATE);
        UploadOutcome skipped = outcome(UploadStatus.SKIPPED);
        UploadOutcome failed = outcome(UploadStatus.FAILED);
        UploadOutcome rejected = outcome(UploadStatus.REJECTED);

        assertThat(UploadReport.of(List.of(up, dup, skipped)).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(UploadReport.of(List.of(up, failed, skipped)).exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(UploadReport.of(List.of(failed, rejected, skipped)).exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(UploadReport.of(List.of(skipped)).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void after_wait_a_photo_rejected_by_processing_or_still_pending_is_not_stored() {
        UploadOutcome ready = outcome(UploadStatus.UPLOADED).processed("READY", null);
        UploadOutcome refused = outcome(UploadStatus.UPLOADED).processed("REJECTED", "not an image");
        UploadOutcome pending = outcome(UploadStatus.UPLOADED).processed("PENDING", "still PENDING");

        assertThat(UploadReport.of(List.of(ready)).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(UploadReport.of(List.of(ready, refused)).exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(UploadReport.of(List.of(refused, pending)).exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(UploadReport.of(List.of(ready, refused, pending)).totals().processing())
                .isEqualTo(new UploadTotals.Processing(1, 1, 1));
    }

    @Test
    void a_dry_run_is_0_unless_something_would_be_rejected_then_3() {
        UploadOutcome would = outcome(UploadStatus.WOULD_UPLOAD);
        UploadOutcome rejected = outcome(UploadStatus.REJECTED);

        assertThat(UploadReport.of(List.of(would), 0, true).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(UploadReport.of(List.of(rejected), 0, true).exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(UploadReport.of(List.of(would, rejected), 0, true).exitCode()).isEqualTo(ExitCodes.PARTIAL);
    }
}
