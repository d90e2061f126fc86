package dev.photo.cli.command;

import dev.photo.cli.mixin.GlobalOptions;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code photo}: only holds the subcommands and the global options. */
@Command(name = "photo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Upload photo folders straight to object storage and get them back as albums.",
        subcommands = {UploadCommand.class, ListCommand.class, ShowCommand.class, AlbumsCommand.class,
                DownloadCommand.class, LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, AuthCommand.class,
                AdminCommand.class, ConfigureCommand.class,
                LocalCommand.class, HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class PhotoCommand implements Runnable {

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
