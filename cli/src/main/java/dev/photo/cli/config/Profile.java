package dev.photo.cli.config;

import java.net.URI;
import java.util.Optional;

/**
 * The profile a command runs with.
 *
 * @param name   the profile name; also names its token cache
 * @param apiUrl the API base URL, or {@code null} for the {@code local} profile served by the embedded stack
 */
public record Profile(String name, URI apiUrl) {

    public static final String LOCAL = "local";

    public Optional<URI> remoteApiUrl() {
        return Optional.ofNullable(apiUrl);
    }

    public boolean isLocalStack() {
        return apiUrl == null;
    }
}
