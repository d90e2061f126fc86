package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.contract.UserInfo;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** What disable, enable, promote and demote share: one user name in, the user as it now is out. */
abstract class UserActionCommand implements Callable<Integer> {

    private final CliContext context;
    private final String action;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String username;

    UserActionCommand(CliContext context, String action) {
        this.context = context;
        this.action = action;
    }

    @Override
    public Integer call() throws InterruptedException {
        UserInfo user;
        try (Session session = Commands.openSession(context, spec)) {
            user = session.api().userAction(username, action);
        }
        if (output.json()) {
            JsonOutput.print(spec.commandLine().getOut(), user);
        } else {
            output.print(UserRows.table(List.of(user)), spec.commandLine().getOut(), context);
        }
        return 0;
    }
}
