package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.contract.UserInfo;
import dev.photo.contract.UserPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo admin users list}: every user of the pool, page after page. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of the pool.")
public final class UsersListCommand implements Callable<Integer> {

    private static final int MAX_PAGES = 10_000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    public UsersListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        List<UserInfo> users = new ArrayList<>();
        try (Session session = Commands.openSession(context, spec)) {
            String cursor = null;
            int pages = 0;
            do {
                if (++pages > MAX_PAGES) {
                    throw new CliException(ExitCodes.ERROR, "the API kept answering more pages; stopped after "
                            + MAX_PAGES);
                }
                UserPage page = session.api().users(null, cursor);
                users.addAll(page.users());
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, new UserPage(users, null));
        } else {
            output.print(UserRows.table(users), out, context);
        }
        return 0;
    }
}
