package dev.photo.cli.upload;

import java.util.List;

/**
 * Counts per status; {@code ignored} counts the files left out without a line of their own (hidden, junk,
 * excluded by a glob), and {@code processing} is present only after {@code --wait}.
 */
public record UploadTotals(int uploaded, int duplicate, int rejected, int failed, int skipped, int wouldUpload,
                           int total, int ignored, Processing processing) {

    /**
     * With {@code --wait}: the uploaded photos by their status when the wait ended; {@code rejected} also counts
     * photos deleted while waiting.
     */
    public record Processing(int ready, int rejected, int pending) {
    }

    public static UploadTotals of(List<UploadOutcome> outcomes) {
        return of(outcomes, 0);
    }

    public static UploadTotals of(List<UploadOutcome> outcomes, int ignored) {
        int[] counts = new int[UploadStatus.values().length];
        outcomes.forEach(o -> counts[o.status().ordinal()]++);
        return new UploadTotals(counts[UploadStatus.UPLOADED.ordinal()], counts[UploadStatus.DUPLICATE.ordinal()],
                counts[UploadStatus.REJECTED.ordinal()], counts[UploadStatus.FAILED.ordinal()],
                counts[UploadStatus.SKIPPED.ordinal()], counts[UploadStatus.WOULD_UPLOAD.ordinal()],
                outcomes.size(), ignored, processing(outcomes));
    }

    private static Processing processing(List<UploadOutcome> outcomes) {
        int ready = 0;
        int rejected = 0;
        int pending = 0;
        boolean waited = false;
        for (UploadOutcome o : outcomes) {
            if (o.photoStatus() == null) {
                continue;
            }
            waited = true;
            switch (o.photoStatus()) {
                case UploadOutcome.READY -> ready++;
                case UploadOutcome.PENDING -> pending++;
                default -> rejected++;
            }
        }
        return waited ? new Processing(ready, rejected, pending) : null;
    }
}
