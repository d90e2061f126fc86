package dev.photo.local.auth;

import java.time.Instant;

/**
 * A user of the local pool with the state an admin manages.
 *
 * @param mustChangePassword the password is a temporary one an admin set: login answers NEW_PASSWORD_REQUIRED
 * @param createdAt          null for none recorded
 */
public record LocalAccount(LocalUser user, String email, boolean enabled, boolean mustChangePassword,
                           Instant createdAt) {
}
