package dev.photo.cli.backend;

import dev.photo.cli.client.Credentials;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/** The backend one command talks to: where its API is, and what must happen before the command exits. */
public interface BackendSession extends AutoCloseable {

    /** Base URL of the photo HTTP API. */
    URI apiUrl();

    /** Credentials to log in with when no valid token is cached (the local stack's admin user), if any. */
    default Optional<Credentials> autoLogin() {
        return Optional.empty();
    }

    /** Waits for work the backend still does for this command (processing of uploads), telling {@code err}. */
    default void awaitIdle(PrintWriter err) throws InterruptedException {
    }

    @Override
    default void close() {
    }

    /** A backend somewhere else that needs nothing from this process. */
    static BackendSession remote(URI apiUrl) {
        return () -> apiUrl;
    }
}
