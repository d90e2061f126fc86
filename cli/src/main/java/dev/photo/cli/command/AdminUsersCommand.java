package dev.photo.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code photo admin users}: only holds the user subcommands. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "List and manage the users of the pool.",
        subcommands = {UsersListCommand.class, UsersAddCommand.class, UsersDisableCommand.class,
                UsersEnableCommand.class, UsersPromoteCommand.class, UsersDemoteCommand.class})
public final class AdminUsersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing users command");
    }
}
