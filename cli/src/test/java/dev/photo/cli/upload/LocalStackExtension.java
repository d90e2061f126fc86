package dev.photo.cli.upload;

import dev.photo.backend.fakes.TempDirs;
import dev.photo.cli.PhotoProcess;
import dev.photo.local.BackendFunctions;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real local stack for a test class, with the directories the client uses around it (config, state, photos),
 * all under one temporary directory; optionally published like {@code photo local serve}, so that {@code photo}
 * processes started by {@link #photoProcess} use it instead of starting their own:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalStackExtension LOCAL = LocalStackExtension.published();
 * }</pre>
 */
final class LocalStackExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean publish;
    private final BackendFunctions functions;
    private Path root;
    private LocalStack stack;

    private LocalStackExtension(boolean publish, BackendFunctions functions) {
        this.publish = publish;
        this.functions = functions;
    }

    /** A stack only this JVM knows of. */
    static LocalStackExtension inProcess() {
        return new LocalStackExtension(false, BackendFunctions.real());
    }

    /** A stack only this JVM knows of, running these functions (the real ones with a port changed, say). */
    static LocalStackExtension inProcess(BackendFunctions functions) {
        return new LocalStackExtension(false, functions);
    }

    /** A stack published in its data directory, found by {@code photo} processes given {@code --data-dir}. */
    static LocalStackExtension published() {
        return new LocalStackExtension(true, BackendFunctions.real());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("photo-local-");
        for (String dir : List.of("data", "config", "state", "photos")) {
            Files.createDirectories(root.resolve(dir));
        }
        stack = LocalStack.start(publish ? new LocalStackOptions(dataDir(), 0, 0, 0, true)
                : LocalStackOptions.ephemeral(dataDir()), functions);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            stack.close();
        } finally {
            TempDirs.deleteTree(root);
        }
    }

    LocalStack stack() {
        return stack;
    }

    Path dataDir() {
        return root.resolve("data");
    }

    Path configDir() {
        return root.resolve("config");
    }

    /** The client's state directory (upload caches and journals, one directory per profile). */
    Path stateDir() {
        return root.resolve("state");
    }

    /** Where a test writes the photos it uploads. */
    Path photos() {
        return root.resolve("photos");
    }

    /**
     * {@code photo ARGS} as its own process (same java and class path) on this stack's directories, with these JVM
     * options first; stdout and stderr stay apart.
     */
    ProcessBuilder photoProcess(List<String> jvmOptions, String... args) {
        List<String> withData = new ArrayList<>(List.of(args));
        withData.addAll(List.of("--data-dir", dataDir().toString()));
        return PhotoProcess.builder(jvmOptions, configDir(), stateDir(), withData.toArray(String[]::new));
    }
}
