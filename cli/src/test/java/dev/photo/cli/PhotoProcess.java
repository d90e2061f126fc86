package dev.photo.cli;

import dev.photo.backend.fakes.TempDirs;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo} run as its own process, for the tests that kill it, run many at once or read everything it prints:
 * the same java and class path as the test run, the config and state in the test's folders, and none of the test
 * run's own {@code PHOTO_*} variables (any of them would set an option).
 */
public final class PhotoProcess {

    /** A small heap and C1 only: the processes are short-lived, and two CPUs are shared by several at once. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx192m", "-XX:TieredStopAtLevel=1");

    private PhotoProcess() {
    }

    /** {@code photo ARGS} with {@link #JVM_OPTIONS}. */
    public static ProcessBuilder builder(Path configDir, Path stateDir, String... args) {
        return builder(JVM_OPTIONS, configDir, stateDir, args);
    }

    /** {@code photo ARGS} with these JVM options first. */
    public static ProcessBuilder builder(List<String> jvmOptions, Path configDir, Path stateDir, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.photo.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PHOTO_"));
        builder.environment().put("PHOTO_CONFIG_DIR", configDir.toString());
        builder.environment().put("PHOTO_STATE_DIR", stateDir.toString());
        return builder;
    }

    /**
     * Waits until the {@code photo local serve} process {@code server} has published its endpoints for
     * {@code dataDir}, with its API on a real port; fails with the server's log when it dies or takes over 90 s.
     */
    public static LocalEndpoints awaitServing(Process server, Path dataDir, Path log)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Optional<LocalEndpoints> running = LocalStack.findRunning(dataDir);
            if (running.isPresent() && running.get().api().getPort() != 0) {
                return running.get();
            }
            assertThat(server.isAlive()).as("photo local serve: %s", Files.readString(log)).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("photo local serve did not start: " + Files.readString(log));
    }

    /** A real {@code kill -9}: no shutdown hook runs, as when a CI runner is cancelled. */
    public static void kill9(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Stops {@code process} as Ctrl-C would, then forcibly if it has not ended within 20 s. Null: nothing. */
    public static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** After a test that ran {@code server} over the scratch tree {@code root}: stops it, then deletes the tree. */
    public static void stopAndDelete(Process server, Path root) throws InterruptedException, IOException {
        stop(server);
        if (root != null) {
            TempDirs.deleteTree(root);
        }
    }
}
