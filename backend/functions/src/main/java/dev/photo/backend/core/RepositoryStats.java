package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of photo records, overall or for one owner.
 *
 * @param photos   records of every status
 * @param bytes    bytes of READY photos, the only ones whose originals are kept
 * @param byStatus records per status; every status is present, zero included
 */
public record RepositoryStats(long photos, long bytes, Map<PhotoStatus, Long> byStatus) {

    public RepositoryStats {
        EnumMap<PhotoStatus, Long> all = new EnumMap<>(PhotoStatus.class);
        for (PhotoStatus s : PhotoStatus.values()) {
            all.put(s, byStatus.getOrDefault(s, 0L));
        }
        byStatus = Map.copyOf(all);
    }

    /** Stats whose {@code photos} is the sum of {@code byStatus}. */
    public static RepositoryStats of(long readyBytes, Map<PhotoStatus, Long> byStatus) {
        return new RepositoryStats(byStatus.values().stream().mapToLong(Long::longValue).sum(), readyBytes,
                byStatus);
    }

    public long count(PhotoStatus status) {
        return byStatus.get(status);
    }
}
