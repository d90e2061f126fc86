package dev.photo.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole backend on one machine: an S3-compatible server whose completed writes trigger the real processor
 * handler, a Cognito-compatible login endpoint, and the real API handler behind an HTTP adapter that verifies
 * JWTs the way the API Gateway authorizer does. Everything binds to 127.0.0.1 and lives in one data directory.
 */
public final class LocalStack implements AutoCloseable {

    private LocalStack() {
    }

    /** Starts every part; on first start in a data directory also creates the admin user and its keys. */
    public static LocalStack start(LocalStackOptions options) {
        throw new IllegalStateException("being written");
    }

    /** The endpoints of a stack published by another process with this data directory, if it answers. */
    public static Optional<LocalEndpoints> findRunning(Path dataDir) {
        throw new IllegalStateException("being written");
    }

    /** The default data directory: {@code $PHOTO_HOME}, else {@code $XDG_DATA_HOME/photo}, else ~/.local/share/photo. */
    public static Path defaultDataDir() {
        throw new IllegalStateException("being written");
    }

    /** The admin user's credentials as stored in a data directory (made on the stack's first start). */
    public static Optional<LocalCredentials> adminCredentials(Path dataDir) {
        throw new IllegalStateException("being written");
    }

    public LocalEndpoints endpoints() {
        throw new IllegalStateException("being written");
    }

    /** Adds a user (tests and admin tooling); groups such as {@code admin} go into {@code cognito:groups}. */
    public void createUser(String username, String password, List<String> groups) {
        throw new IllegalStateException("being written");
    }

    /** Blocks until every ObjectCreated event emitted so far has been processed, or the timeout passes. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        throw new IllegalStateException("being written");
    }

    @Override
    public void close() {
        throw new IllegalStateException("being written");
    }
}
