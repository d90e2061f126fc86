package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code photo admin users enable NAME}. */
@Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled user again.")
public final class UsersEnableCommand extends UserActionCommand {

    public UsersEnableCommand(CliContext context) {
        super(context, "enable");
    }
}
