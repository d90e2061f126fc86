package dev.photo.cli.upload;

import java.util.HashMap;
import java.util.Map;

/**
 * The content this run declared so far, by SHA-256. Two files with the same bytes in one run: the server only knows
 * the second is a duplicate once the first one's bytes arrived, and the pipeline may declare the second before that.
 * Sending both would store nothing new and report two uploads, so the second is this run's duplicate of the first.
 * Used by the declaring thread only.
 */
final class SameContent {

    /** Content the API would take but has no photo id for yet (a dry run's new files). */
    private static final String NO_ID = "";

    private final Map<String, String> photoIds = new HashMap<>();

    void declared(String sha256, String photoId) {
        photoIds.putIfAbsent(sha256, photoId == null ? NO_ID : photoId);
    }

    boolean seen(String sha256) {
        return photoIds.containsKey(sha256);
    }

    /** The photo the earlier file with these bytes became, or {@code null} when it has no id yet. */
    String photoId(String sha256) {
        String id = photoIds.get(sha256);
        return id == null || id.equals(NO_ID) ? null : id;
    }
}
