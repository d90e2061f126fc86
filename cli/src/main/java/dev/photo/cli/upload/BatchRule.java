package dev.photo.cli.upload;

/**
 * Which files share one {@code POST /uploads}: one album, at most {@code maxBatch} files (what {@code GET /config}
 * advertises) and {@link #MAX_PARTS} declared parts, and never an empty batch.
 */
record BatchRule(int maxBatch) {

    /** Parts declared per batch at most: keeps a request well under the API's 6 MB body limit. */
    static final int MAX_PARTS = 10_000;

    BatchRule {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("a batch holds at least one file");
        }
    }

    /** Whether a file declaring {@code parts} parts joins a batch of {@code size} files and {@code batchParts} parts. */
    boolean joins(int size, int batchParts, boolean sameAlbum, int parts) {
        return size == 0 || sameAlbum && size < maxBatch && batchParts + parts <= MAX_PARTS;
    }
}
