package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.ConfigStore;
import dev.photo.cli.config.Profile;
import dev.photo.cli.mixin.GlobalOptions;
import dev.photo.cli.upload.UploadState;
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

    /** The local stack's data directory this command uses: {@code --data-dir}, else the context's. */
    static Path resolvedDataDir(CliContext context, CommandSpec spec) {
        Path option = global(spec).dataDir();
        return option != null ? option : context.dataDir();
    }

    /**
     * Where {@code photo upload} keeps its cache and journal for a profile, in the user's state directory, whichever
     * backend the profile uses. State that earlier versions kept under the data directory moves here once.
     */
    static Path uploadStateDir(CliContext context, CommandSpec spec, String profile) {
        Path dir = context.profileStateDir(profile);
        UploadState.adoptLegacy(legacyUploadStateDir(context, spec, profile), dir);
        return dir;
    }

    /** Where earlier versions kept a profile's upload state: beside the local stack's data. */
    static Path legacyUploadStateDir(CliContext context, CommandSpec spec, String profile) {
        return resolvedDataDir(context, spec).resolve("client").resolve(profile);
    }

    static Session openSession(CliContext context, CommandSpec spec) {
        return Session.open(context, profile(context, spec), resolvedDataDir(context, spec),
                spec.commandLine().getErr());
    }
}
