package dev.photo.cli.backend;

import dev.photo.cli.config.Profile;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Opens the backend of a profile. Tests replace it to point the {@code local} profile at a fake server. */
@FunctionalInterface
public interface BackendConnector {

    /**
     * @param dataDir the local stack's data directory: {@code --data-dir}, the context's, else the stack's default
     */
    BackendSession open(Profile profile, Path dataDir, PrintWriter err);
}
