package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.ConfigStore;
import dev.photo.cli.config.Profile;
import dev.photo.cli.mixin.GlobalOptions;
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

    static Path dataDir(CliContext context, CommandSpec spec) {
        Path option = global(spec).dataDir();
        return option != null ? option : context.dataDir();
    }

    static Session openSession(CliContext context, CommandSpec spec) {
        return Session.open(context, profile(context, spec), dataDir(context, spec), spec.commandLine().getErr());
    }
}
