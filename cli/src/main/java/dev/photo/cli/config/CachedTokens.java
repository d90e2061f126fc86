package dev.photo.cli.config;

import java.time.Duration;
import java.time.Instant;

/**
 * The tokens of one login. {@link #toString()} never shows them.
 *
 * @param expiresAt when the access and ID tokens expire
 */
public record CachedTokens(String accessToken, String idToken, String refreshToken, Instant expiresAt) {

    /** Whether the access token is still good for at least {@code margin}. */
    public boolean validAt(Instant now, Duration margin) {
        return accessToken != null && expiresAt != null && now.plus(margin).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "CachedTokens[accessToken=***, idToken=***, refreshToken=***, expiresAt=" + expiresAt + "]";
    }
}
