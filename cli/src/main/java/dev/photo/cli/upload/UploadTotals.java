package dev.photo.cli.upload;

import java.util.List;

/** Counts per status. */
public record UploadTotals(int uploaded, int duplicate, int rejected, int failed, int skipped, int total) {

    public static UploadTotals of(List<UploadOutcome> outcomes) {
        int[] counts = new int[UploadStatus.values().length];
        outcomes.forEach(o -> counts[o.status().ordinal()]++);
        return new UploadTotals(counts[UploadStatus.UPLOADED.ordinal()], counts[UploadStatus.DUPLICATE.ordinal()],
                counts[UploadStatus.REJECTED.ordinal()], counts[UploadStatus.FAILED.ordinal()],
                counts[UploadStatus.SKIPPED.ordinal()], outcomes.size());
    }
}
