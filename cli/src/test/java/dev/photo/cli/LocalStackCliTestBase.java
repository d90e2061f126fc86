package dev.photo.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * For end-to-end tests that run {@code photo} against one real local stack per test class (see
 * {@link LocalStackCli}): the stack's data and the client's config live in temporary folders, {@code photo} is
 * logged in as the stack's admin. A base class like {@link FakeBackendTestBase}, so that tests read
 * {@code photo.run(...)}; a subclass's own {@code @BeforeAll} runs after the stack is up (to upload what all its
 * tests share), its {@code @AfterAll} before the stack stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LocalStackCliTestBase {

    @TempDir
    protected static Path dataDir;
    @TempDir
    protected static Path configDir;

    protected LocalStackCli local;
    protected PhotoCli photo;

    @BeforeAll
    final void startLocalStack() {
        local = LocalStackCli.start(dataDir, configDir);
        photo = local.photo();
    }

    @AfterAll
    final void stopLocalStack() {
        if (local != null) {
            local.close();
        }
    }
}
