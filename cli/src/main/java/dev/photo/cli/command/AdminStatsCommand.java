package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import dev.photo.contract.AdminStats;
import dev.photo.contract.PhotoStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code photo admin stats}: photos, bytes and counts by status, overall and per user (every page). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Photos, bytes and counts by status, overall and per user.")
public final class AdminStatsCommand implements Callable<Integer> {

    /** Stops a server whose cursors never end from keeping the command going forever. */
    private static final int MAX_PAGES = 10_000;

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    public AdminStatsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        AdminStats first;
        List<AdminStats.UserStats> users = new ArrayList<>();
        try (Session session = Commands.openSession(context, spec)) {
            first = session.api().adminStats(null, null);
            users.addAll(first.users());
            String cursor = first.nextCursor();
            for (int page = 1; cursor != null; page++) {
                if (page == MAX_PAGES) {
                    throw new CliException(dev.photo.cli.ExitCodes.ERROR, "the API kept answering more pages of users; stopped after "
                            + MAX_PAGES);
                }
                AdminStats next = session.api().adminStats(null, cursor);
                users.addAll(next.users());
                cursor = next.nextCursor();
            }
        }
        AdminStats all = new AdminStats(first.photos(), first.bytes(), first.byStatus(), users, null);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, all);
            return 0;
        }
        Table table = Table.withColumns("USER", "PHOTOS", "READY", "PENDING", "REJECTED", "SIZE")
                .alignRight("PHOTOS").alignRight("READY").alignRight("PENDING").alignRight("REJECTED")
                .alignRight("SIZE").shrinkable("USER");
        for (AdminStats.UserStats user : users) {
            table.row(user.username() == null ? user.owner() : user.username(), user.photos(),
                    count(user.byStatus(), PhotoStatus.READY), count(user.byStatus(), PhotoStatus.PENDING),
                    count(user.byStatus(), PhotoStatus.REJECTED), Table.bytes(user.bytes()));
        }
        table.row("(all)", all.photos(), count(all.byStatus(), PhotoStatus.READY),
                count(all.byStatus(), PhotoStatus.PENDING), count(all.byStatus(), PhotoStatus.REJECTED),
                Table.bytes(all.bytes()));
        output.print(table, out, context);
        return 0;
    }

    private static long count(Map<String, Long> byStatus, PhotoStatus status) {
        return byStatus.getOrDefault(status.name(), 0L);
    }
}
