package dev.photo.contract;

import java.util.List;

/**
 * A user of the pool, as {@code /admin/users} shows it.
 *
 * @param sub       the id photos are owned by
 * @param status    CONFIRMED, FORCE_CHANGE_PASSWORD (must change a temporary password at the next login) or
 *                  another Cognito user status
 * @param createdAt ISO-8601 instant, or null where unknown
 */
public record UserInfo(String username, String sub, String email, boolean enabled, String status,
                       List<String> groups, String createdAt) {

    public UserInfo {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
