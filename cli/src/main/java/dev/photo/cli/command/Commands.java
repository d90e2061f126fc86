package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.ConfigStore;
import dev.photo.cli.config.Profile;
import dev.photo.cli.mixin.GlobalOptions;
import dev.photo.cli.upload.UploadState;
import dev.photo.local.LocalStack;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** What several commands share: the global options, the chosen profile, and opening its backend. */
final class Commands {

    private Commands() {
    }

    static GlobalOptions global(CommandSpec spec) {
        return ((PhotoCommand) spec.root().userObject()).global();
    }

    static Profile profile(CliContext context, CommandSpec spec) {
        return new ConfigStore(context.configDir()).select(global(spec).profile(), context.env("PHOTO_PROFILE"));
    }

    /** The data directory this command uses: {@code --data-dir}, the context's, else the local stack's default. */
    static Path resolvedDataDir(CliContext context, CommandSpec spec) {
        Path option = global(spec).dataDir();
        Path dir = option != null ? option : context.dataDir();
        return dir != null ? dir : LocalStack.defaultDataDir();
    }

    /** Where {@code photo upload} keeps its cache and journal for a profile. */
    static Path uploadStateDir(CliContext context, CommandSpec spec, String profile) {
        return UploadState.directory(resolvedDataDir(context, spec), profile);
    }

    static Session openSession(CliContext context, CommandSpec spec) {
        return Session.open(context, profile(context, spec), resolvedDataDir(context, spec),
                spec.commandLine().getErr());
    }
}
