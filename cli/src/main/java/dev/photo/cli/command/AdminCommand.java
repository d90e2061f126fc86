package dev.photo.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code photo admin}: only holds the admin subcommands. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Admin tasks (members of the admins group only): reprocess photos, stats, users.",
        subcommands = {AdminReprocessCommand.class, AdminStatsCommand.class, AdminUsersCommand.class})
public final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing admin command");
    }
}
