package dev.photo.cli.download;

import dev.photo.cli.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadReportTest {

    private static final DownloadItem ITEM = new DownloadItem(SafeNamesTest.photo("01", "a.jpg"), "a.jpg", null, true);
    private static final DownloadOutcome DOWNLOADED = DownloadOutcome.downloaded(ITEM, "a.jpg", 10, "s", 0, false);
    private static final DownloadOutcome SKIPPED = DownloadOutcome.skipped(ITEM, "a.jpg", 10L, "same_sha256", "x");
    private static final DownloadOutcome CONFLICT = DownloadOutcome.conflict(ITEM, "a.jpg", "differs");
    private static final DownloadOutcome FAILED = DownloadOutcome.failed(ITEM, "a.jpg", "checksum_mismatch", "x",
            ExitCodes.ERROR);
    private static final DownloadOutcome MISSING = DownloadOutcome.notFound("02", null, "not_found", "no such photo",
            ExitCodes.NOT_FOUND);

    private static int exit(DownloadOutcome... outcomes) {
        return new DownloadReport("dir", List.of(outcomes)).exitCode();
    }

    @Test
    void the_exit_code_says_whether_all_some_or_none_succeeded_and_why() {
        assertThat(exit(DOWNLOADED, SKIPPED)).isEqualTo(ExitCodes.OK);
        assertThat(exit()).isEqualTo(ExitCodes.OK);
        assertThat(exit(DOWNLOADED, CONFLICT)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(exit(CONFLICT)).isEqualTo(ExitCodes.CONFLICT);
        assertThat(exit(DOWNLOADED, FAILED)).isEqualTo(ExitCodes.PARTIAL);
        assertThat(exit(CONFLICT, FAILED)).isEqualTo(ExitCodes.PARTIAL);
        assertThat(exit(MISSING, MISSING)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(exit(MISSING, FAILED)).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void conflicts_are_listed_among_the_failed_and_counted_apart() {
        DownloadReport report = new DownloadReport("dir", List.of(DOWNLOADED, SKIPPED, CONFLICT, FAILED));

        assertThat(report.totals()).isEqualTo(new DownloadReport.Totals(1, 1, 1, 2));
        assertThat(report.failed()).extracting(DownloadOutcome::reason).containsExactly("conflict",
                "checksum_mismatch");
    }
}
