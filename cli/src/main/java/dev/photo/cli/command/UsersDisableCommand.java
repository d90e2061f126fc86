package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code photo admin users disable NAME}. */
@Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a user: no login, and their refresh tokens stop working at once.")
public final class UsersDisableCommand extends UserActionCommand {

    public UsersDisableCommand(CliContext context) {
        super(context, "disable");
    }
}
