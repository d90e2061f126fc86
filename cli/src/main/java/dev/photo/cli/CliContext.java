package dev.photo.cli;

import dev.photo.cli.backend.BackendConnector;
import dev.photo.cli.backend.DefaultBackendConnector;
import dev.photo.files.PhotoDirs;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command takes from the world outside its arguments, so that tests (and the end-to-end test) can
 * drive {@code photo} in-process with their own directories, environment and backend.
 *
 * @param env            environment variables ({@code PHOTO_PROFILE}, {@code PHOTO_PASSWORD}, ...)
 * @param configDir      where {@code config.json} and the token caches live
 * @param stateDir       where the client keeps its state (upload cache and journals), one directory per profile
 * @param dataDir        the local stack's data directory unless {@code --data-dir} names another
 * @param stdin          read by {@code --password-stdin}
 * @param terminal       prompts and progress bars
 * @param connector      opens the backend a profile points at
 * @param clock          token expiry decisions
 * @param retryBaseDelay first back-off delay of retried requests (doubles each time, with jitter)
 */
public record CliContext(Map<String, String> env, Path configDir, Path stateDir, Path dataDir, InputStream stdin,
                         Terminal terminal, BackendConnector connector, Clock clock, Duration retryBaseDelay) {

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
    }

    /** The real process: its environment, console, stdin and the default config directory. */
    public static CliContext system() {
        return fromEnvironment(System.getenv()).withTerminal(Terminal.system());
    }

    /** Like {@link #system()} but with the given environment (directories resolved from it), no terminal. */
    public static CliContext fromEnvironment(Map<String, String> env) {
        Path home = Path.of(System.getProperty("user.home"));
        return new CliContext(env, PhotoDirs.configDir(env, home), PhotoDirs.stateDir(env, home),
                PhotoDirs.dataDir(env, home), System.in, Terminal.none(), new DefaultBackendConnector(),
                Clock.systemUTC(), Duration.ofMillis(250));
    }

    public CliContext withEnv(Map<String, String> variables) {
        return new CliContext(variables, configDir, stateDir, dataDir, stdin, terminal, connector, clock,
                retryBaseDelay);
    }

    public CliContext withConfigDir(Path dir) {
        return new CliContext(env, dir, stateDir, dataDir, stdin, terminal, connector, clock, retryBaseDelay);
    }

    public CliContext withStateDir(Path dir) {
        return new CliContext(env, configDir, dir, dataDir, stdin, terminal, connector, clock, retryBaseDelay);
    }

    /** The state directory of one profile: its upload cache and journal. */
    public Path profileStateDir(String profile) {
        return stateDir.resolve(profile);
    }

    public CliContext withDataDir(Path dir) {
        return new CliContext(env, configDir, stateDir, dir, stdin, terminal, connector, clock, retryBaseDelay);
    }

    public CliContext withStdin(InputStream in) {
        return new CliContext(env, configDir, stateDir, dataDir, in, terminal, connector, clock, retryBaseDelay);
    }

    public CliContext withTerminal(Terminal t) {
        return new CliContext(env, configDir, stateDir, dataDir, stdin, t, connector, clock, retryBaseDelay);
    }

    public CliContext withConnector(BackendConnector c) {
        return new CliContext(env, configDir, stateDir, dataDir, stdin, terminal, c, clock, retryBaseDelay);
    }

    public CliContext withClock(Clock c) {
        return new CliContext(env, configDir, stateDir, dataDir, stdin, terminal, connector, c, retryBaseDelay);
    }

    public CliContext withRetryBaseDelay(Duration delay) {
        return new CliContext(env, configDir, stateDir, dataDir, stdin, terminal, connector, clock, delay);
    }

    /**
     * Whether output may be coloured: only for a person at a terminal, and never when {@code $NO_COLOR} is set to
     * anything (https://no-color.org) or the terminal is {@code dumb}.
     */
    public boolean colour() {
        return terminal.interactive() && env("NO_COLOR") == null && !"dumb".equals(env("TERM"));
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
