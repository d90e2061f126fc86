package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code photo admin users promote NAME}. */
@Command(name = "promote", mixinStandardHelpOptions = true, description = "Add a user to the admins group (effective at their next login or token refresh).")
public final class UsersPromoteCommand extends UserActionCommand {

    public UsersPromoteCommand(CliContext context) {
        super(context, "promote");
    }
}
