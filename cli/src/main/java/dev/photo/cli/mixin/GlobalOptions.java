package dev.photo.cli.mixin;

import dev.photo.cli.Logging;
import dev.photo.cli.config.EnvironmentVariable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** Options every command takes, before or after its name ({@code photo --debug list}, {@code photo list --debug}). */
public final class GlobalOptions {

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Profile to use (default: $PHOTO_PROFILE, else the current profile, else 'local').")
    String profile;

    @EnvironmentVariable("PHOTO_HOME")
    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Data directory of the local stack (default: $PHOTO_HOME, else the XDG data home).")
    Path dataDir;

    boolean debug;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Log requests and print stack traces of errors.")
    void setDebug(boolean debug) {
        this.debug = debug;
        if (debug) {
            Logging.enableDebug();
        }
    }

    public String profile() {
        return profile;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean debug() {
        return debug;
    }
}
