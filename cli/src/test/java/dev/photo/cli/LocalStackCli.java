package dev.photo.cli;

import dev.photo.cli.backend.local.LocalBackendSession;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An embedded local stack started once for a test class, and {@code photo} attached to it the way a command attaches
 * to a running {@code photo local serve}: it logs in as the stack's admin and waits for processing after each command.
 */
public final class LocalStackCli implements AutoCloseable {

    private final LocalStack stack;
    private final PhotoCli photo;

    private LocalStackCli(LocalStack stack, PhotoCli photo) {
        this.stack = stack;
        this.photo = photo;
    }

    static LocalStackCli start(Path dataDir, Path configDir) {
        LocalStack stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir));
        return new LocalStackCli(stack, new PhotoCli(context(stack, configDir)));
    }

    /** A context whose {@code local} profile is attached to {@code stack}, with its config in {@code configDir}. */
    public static CliContext context(LocalStack stack, Path configDir) {
        return isolated(configDir, stack.dataDir())
                .withConnector((profile, dir, err) -> LocalBackendSession.attach(stack, stack.dataDir()));
    }

    /**
     * The process's real context (its connector starts or finds the local stack) with the config in
     * {@code configDir}, the client's state beside it and the stack's data in {@code dataDir}: nothing in the home.
     */
    public static CliContext isolated(Path configDir, Path dataDir) {
        return CliContext.fromEnvironment(Map.of("PHOTO_CONFIG_DIR", configDir.toString(),
                "PHOTO_STATE_DIR", configDir.resolve("state").toString(), "PHOTO_HOME", dataDir.toString()));
    }

    /** The project's bundled samples/ folder, found above the working directory of the test run. */
    static Path samples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("samples")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ not found above the working directory");
    }

    LocalStack stack() {
        return stack;
    }

    PhotoCli photo() {
        return photo;
    }

    @Override
    public void close() {
        stack.close();
    }
}
