package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code photo admin users demote NAME}. */
@Command(name = "demote", mixinStandardHelpOptions = true, description = "Remove a user from the admins group.")
public final class UsersDemoteCommand extends UserActionCommand {

    public UsersDemoteCommand(CliContext context) {
        super(context, "demote");
    }
}
