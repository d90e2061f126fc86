package dev.photo.cli.backend;

import dev.photo.cli.backend.local.LocalBackendSession;
import dev.photo.cli.config.Profile;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * A configured API URL as is; the {@code local} profile through the embedded stack. The local stack's classes
 * (S3Proxy, Jetty, the handlers) are reached only through {@link LocalBackendSession}, so a remote profile never loads
 * them: that keeps its start fast.
 */
public final class DefaultBackendConnector implements BackendConnector {

    @Override
    public BackendSession open(Profile profile, Path dataDir, PrintWriter err) {
        if (profile.isLocalStack()) {
            return LocalBackendSession.open(dataDir);
        }
        return BackendSession.remote(profile.apiUrl());
    }
}
