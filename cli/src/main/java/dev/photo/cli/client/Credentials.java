package dev.photo.cli.client;

import java.util.Objects;

/** A username and password on their way to the login endpoint; {@link #toString()} hides the password. */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
