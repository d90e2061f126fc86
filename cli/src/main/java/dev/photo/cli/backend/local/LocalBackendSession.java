package dev.photo.cli.backend.local;

import dev.photo.cli.ShutdownHooks;
import dev.photo.cli.backend.BackendSession;
import dev.photo.cli.client.Credentials;
import dev.photo.local.LocalCredentials;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackDiscovery;
import dev.photo.local.LocalStackOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code local} profile: a stack published by {@code photo local serve} when one runs for the data
 * directory, otherwise one started in this process for the duration of the command.
 */
public final class LocalBackendSession implements BackendSession {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackendSession.class);
    private static final Duration QUIET_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofMinutes(2);

    private final URI apiUrl;
    private final Path dataDir;
    /** The stack whose processing this session waits for, or {@code null} for one in another process. */
    private final LocalStack stack;
    private final boolean owned;
    private final ShutdownHooks.Registration shutdown;

    private LocalBackendSession(URI apiUrl, Path dataDir, LocalStack stack, boolean owned) {
        this.apiUrl = apiUrl;
        this.dataDir = dataDir;
        this.stack = stack;
        this.owned = owned;
        // Ctrl-C must not leave the embedded servers' files half written; registered first, so it runs last
        this.shutdown = owned ? ShutdownHooks.onShutdown("stop the local stack", stack::close) : null;
    }

    /**
     * A session on a stack the caller started and keeps running (the end-to-end test): logs in as its admin user,
     * waits for its processing before the command ends, and leaves it running.
     */
    public static LocalBackendSession attach(LocalStack stack, Path dataDir) {
        return new LocalBackendSession(stack.endpoints().api(), dataDir, stack, false);
    }

    /** Uses a running stack for {@code dir} or starts one in-process. */
    public static LocalBackendSession open(Path dir) {
        // not through LocalStack: a command that finds a running stack never loads the stack's own classes
        Optional<LocalEndpoints> running = LocalStackDiscovery.findRunning(dir);
        if (running.isPresent()) {
            LOG.debug("using the local stack running at {}", running.get().api());
            return new LocalBackendSession(running.get().api(), dir, null, false);
        }
        LOG.debug("starting the local stack in-process on {}", dir);
        LocalStack stack = LocalStack.start(LocalStackOptions.ephemeral(dir));
        return new LocalBackendSession(stack.endpoints().api(), dir, stack, true);
    }

    @Override
    public URI apiUrl() {
        return apiUrl;
    }

    @Override
    public Optional<Credentials> autoLogin() {
        Optional<LocalCredentials> admin = LocalStackDiscovery.adminCredentials(dataDir);
        return admin.map(c -> new Credentials(c.username(), c.password()));
    }

    @Override
    public void awaitIdle(PrintWriter err) throws InterruptedException {
        if (stack == null || stack.awaitIdle(QUIET_WAIT)) {
            return;
        }
        err.println("waiting for processing...");
        err.flush();
        if (!stack.awaitIdle(MAX_WAIT.minus(QUIET_WAIT))) {
            err.println("photo: warning: processing still pending after " + MAX_WAIT.toMinutes()
                    + " minutes; some photos may stay PENDING");
        }
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        shutdown.close();
        stack.close();
    }
}
