package dev.photo.contract;

/** The fixed limits of the API; {@code GET /config} advertises each of them. The part limits are S3's own. */
public final class ApiLimits {

    /** The most files one {@code POST /uploads} may declare. */
    public static final int MAX_BATCH = 100;
    /** Every part but the last at least 5 MiB. */
    public static final long MIN_PART_BYTES = 5L * 1024 * 1024;
    /** No part over 5 GiB. */
    public static final long MAX_PART_BYTES = 5L * 1024 * 1024 * 1024;
    /** At most 10,000 parts per file. */
    public static final int MAX_PARTS = 10_000;
    /** At most this many part URLs per answer, and part numbers per {@code POST /uploads/{id}/parts}. */
    public static final int MAX_PARTS_PER_CALL = 100;

    private ApiLimits() {
    }
}
