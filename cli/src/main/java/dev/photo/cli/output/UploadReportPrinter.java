package dev.photo.cli.output;

import dev.photo.cli.upload.UploadOutcome;
import dev.photo.cli.upload.UploadReport;
import dev.photo.cli.upload.UploadStatus;
import dev.photo.cli.upload.UploadTotals;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The end of {@code photo upload} on stdout: the report as one JSON document, or for people a summary line, the
 * skipped files counted by reason, and a table of the files that need attention (with {@code --wait} every uploaded
 * photo's final status; in a dry run the whole plan).
 */
public final class UploadReportPrinter {

    private UploadReportPrinter() {
    }

    /** For people, with no width limit and no colour. */
    public static void print(PrintWriter out, UploadReport report, boolean json) {
        if (json) {
            JsonOutput.print(out, report);
        } else {
            print(out, report, Table.Layout.UNLIMITED);
        }
    }

    /**
     * For people, or in plain form one record per file (skipped ones too): status, album, path, photo id, photo
     * status (after {@code --wait}), reason; no summary, since {@code awk} can count.
     */
    public static void print(PrintWriter out, UploadReport report, Table.Layout layout) {
        if (layout.plain()) {
            Table records = Table.withColumns("STATUS", "ALBUM", "FILE", "PHOTO", "PROCESSED", "REASON");
            for (UploadOutcome file : report.files()) {
                records.row(file.status().label(), file.album(), file.path(), file.photoId(), file.photoStatus(),
                        file.reason());
            }
            records.print(out, layout);
            return;
        }
        UploadTotals t = report.totals();
        Set<String> albums = new LinkedHashSet<>();
        report.files().stream().map(UploadOutcome::album).filter(Objects::nonNull).forEach(albums::add);
        String where = albums.isEmpty() ? "" : (albums.size() == 1 ? ", album " : ", albums ")
                + String.join(", ", albums);
        String leftOut = t.ignored() == 0 ? "" : "; " + t.ignored() + " hidden, junk or excluded left out";
        if (report.dryRun()) {
            out.printf("dry run: would upload %d, duplicate %d, rejected %d, failed %d, skipped %d (%d files%s%s);"
                            + " nothing was sent or changed%n", t.wouldUpload(), t.duplicate(), t.rejected(),
                    t.failed(), t.skipped(), t.total(), where, leftOut);
        } else {
            out.printf("uploaded %d, duplicate %d, rejected %d, failed %d, skipped %d (%d files%s%s)%n",
                    t.uploaded(), t.duplicate(), t.rejected(), t.failed(), t.skipped(), t.total(), where, leftOut);
        }
        if (t.processing() != null) {
            out.printf("processed: ready %d, rejected %d, still pending %d%n", t.processing().ready(),
                    t.processing().rejected(), t.processing().pending());
        }
        skippedByReason(report).forEach((reason, count) -> out.printf("skipped %d: %s%n", count, reason));
        Table table = (albums.size() > 1 ? Table.withColumns("STATUS", "ALBUM", "FILE", "REASON")
                : Table.withColumns("STATUS", "FILE", "REASON"))
                .shrinkable("FILE", "REASON").colour("STATUS", Table::statusColour);
        for (UploadOutcome file : report.files()) {
            if (listed(report, file)) {
                if (albums.size() > 1) {
                    table.row(status(file), file.album(), file.path(), file.reason());
                } else {
                    table.row(status(file), file.path(), file.reason());
                }
            }
        }
        if (!table.isEmpty()) {
            table.print(out, layout);
        }
        out.flush();
    }

    private static boolean listed(UploadReport report, UploadOutcome file) {
        if (file.status() == UploadStatus.SKIPPED) {
            return false;
        }
        return report.dryRun() || file.failure() || file.photoStatus() != null;
    }

    /** With {@code --wait}, a photo's final status says more than "uploaded". */
    private static String status(UploadOutcome file) {
        return file.photoStatus() != null ? file.photoStatus().toLowerCase(Locale.ROOT) : file.status().label();
    }

    private static Map<String, Integer> skippedByReason(UploadReport report) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (UploadOutcome file : report.files()) {
            if (file.status() == UploadStatus.SKIPPED) {
                counts.merge(file.reason() == null ? "skipped" : file.reason(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
