package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of photo records, overall or for one owner.
 *
 * @param photos   records of every status
 * @param bytes    bytes of READY photos
 * @param byStatus records per status, every status present
 */
public record RepositoryStats(long photos, long bytes, Map<PhotoStatus, Long> byStatus) {

    public RepositoryStats {
        Map<PhotoStatus, Long> all = new EnumMap<>(PhotoStatus.class);
        for (PhotoStatus status : PhotoStatus.values()) {
            all.put(status, byStatus.getOrDefault(status, 0L));
        }
        byStatus = Map.copyOf(all);
    }
}
