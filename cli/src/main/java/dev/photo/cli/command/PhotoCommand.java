package dev.photo.cli.command;

import dev.photo.cli.mixin.GlobalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;

/** {@code photo}: only holds the subcommands and the global options. */
@Command(name = "photo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        addMethodSubcommands = false,
        description = "Upload photo folders straight to object storage and get them back as albums.")
public final class PhotoCommand implements Runnable {

    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would then build the model of
     * every command at each start, the largest part of a start's CPU; {@code CommandLineFactory} registers only the
     * one a command line names (all of them for help and completion).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(UploadCommand.class, ListCommand.class,
            ShowCommand.class, AlbumsCommand.class, MoveCommand.class, DeleteCommand.class, DownloadCommand.class, LoginCommand.class, LogoutCommand.class,
            WhoamiCommand.class, AuthCommand.class, AdminCommand.class, ConfigureCommand.class, LocalCommand.class,
            CompletionCommand.class, HelpCommand.class, GenerateCompletionCommand.class);

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
