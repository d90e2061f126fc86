package dev.photo.local.auth;

import java.util.List;

/** A user of the local pool: {@code sub} is the stable id that owns photos, {@code groups} feed cognito:groups. */
public record LocalUser(String username, String sub, List<String> groups) {

    public LocalUser {
        groups = List.copyOf(groups);
    }
}
