package dev.photo.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The one JVM shutdown hook of {@code photo} (Ctrl-C, SIGTERM). The JVM runs its own hooks concurrently and in no
 * order; here what a command registers runs one after the other, the last registered first, like closing nested
 * resources: an upload stops its transfers, saves its state and says how to resume before the local stack it talks
 * to is stopped. A registration closed before the JVM shuts down is simply dropped.
 */
public final class ShutdownHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);
    private static final ShutdownHooks PROCESS = new ShutdownHooks();

    private final Deque<Registration> registered = new ArrayDeque<>();
    private boolean installed;
    private boolean running;

    ShutdownHooks() {
    }

    /** Runs {@code action} when the JVM shuts down, before everything registered earlier; close to unregister. */
    public static Registration onShutdown(String name, Runnable action) {
        return PROCESS.register(name, action);
    }

    synchronized Registration register(String name, Runnable action) {
        Registration registration = new Registration(this, name, action);
        if (running) {
            // the JVM is already going down: nothing later would run it
            return registration;
        }
        if (!installed && this == PROCESS) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::runAll, "photo-shutdown"));
            installed = true;
        }
        registered.push(registration);
        return registration;
    }

    private synchronized void remove(Registration registration) {
        registered.remove(registration);
    }

    /** Runs every registered action, last registered first; one that fails does not stop the others. */
    void runAll() {
        List<Registration> order;
        synchronized (this) {
            running = true;
            order = new ArrayList<>(registered);
            registered.clear();
        }
        for (Registration registration : order) {
            try {
                registration.action.run();
            } catch (RuntimeException e) {
                LOG.debug("shutdown step {} failed", registration.name, e);
            }
        }
    }

    /** One registered action; {@link #close()} unregisters it (it then never runs). */
    public static final class Registration implements AutoCloseable {

        private final ShutdownHooks owner;
        private final String name;
        private final Runnable action;

        private Registration(ShutdownHooks owner, String name, Runnable action) {
            this.owner = owner;
            this.name = name;
            this.action = action;
        }

        @Override
        public void close() {
            owner.remove(this);
        }
    }
}
