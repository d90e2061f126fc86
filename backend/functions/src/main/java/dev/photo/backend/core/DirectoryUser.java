package dev.photo.backend.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user of the pool.
 *
 * @param status    Cognito's user status: CONFIRMED, FORCE_CHANGE_PASSWORD, ...
 * @param createdAt null where the pool does not say
 */
public record DirectoryUser(String username, String sub, String email, boolean enabled, String status,
                            List<String> groups, Instant createdAt) {

    public static final String CONFIRMED = "CONFIRMED";
    public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";

    public DirectoryUser {
        Objects.requireNonNull(username, "username");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
