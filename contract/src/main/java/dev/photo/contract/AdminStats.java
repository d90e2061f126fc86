package dev.photo.contract;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code GET /admin/stats}: counts over every owner and one page of per-user counts.
 *
 * @param byStatus   records per status name, every status present
 * @param users      per owner, by owner id
 * @param nextCursor for the next page of {@code users}, or null
 */
public record AdminStats(long photos, long bytes, Map<String, Long> byStatus, List<UserStats> users,
                         String nextCursor) {

    public AdminStats {
        byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * One owner's counts.
     *
     * @param owner    the owner's {@code sub}
     * @param username the user name, or null if the directory no longer knows the owner
     */
    public record UserStats(String owner, String username, long photos, long bytes, Map<String, Long> byStatus) {

        public UserStats {
            byStatus = byStatus == null ? Map.of() : Map.copyOf(byStatus);
        }
    }
}
