package dev.photo.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * For command tests that run {@code photo} against a {@link FakeBackend}: each test gets a fresh backend, an empty
 * config dir, an empty data dir (so upload caches and journals start empty) and {@code photo} attached to them
 * through {@link FakeBackend#context(Path)}. A base class rather than an
 * extension so that tests keep reading {@code photo.run(...)} and {@code backend.stubGet(...)}. A subclass's own
 * {@code @BeforeEach} runs after this one, so it can add stubs or files; its {@code @AfterEach} runs before the
 * backend stops.
 */
public abstract class FakeBackendTestBase {

    @TempDir
    protected Path config;
    @TempDir
    protected Path dataDir;

    protected FakeBackend backend;
    protected PhotoCli photo;

    @BeforeEach
    final void startFakeBackend() {
        backend = new FakeBackend();
        photo = new PhotoCli(backend.context(config).withDataDir(dataDir));
    }

    @AfterEach
    final void stopFakeBackend() {
        backend.close();
    }
}
