package dev.photo.cli.command;

import dev.photo.cli.output.Table;
import dev.photo.contract.UserInfo;

import java.util.List;

/** The one table layout of users, for every users command. */
final class UserRows {

    private UserRows() {
    }

    static Table table(List<UserInfo> users) {
        Table table = Table.withColumns("USER", "STATUS", "ENABLED", "GROUPS", "EMAIL", "CREATED", "SUB")
                .shrinkable("USER", "GROUPS", "EMAIL");
        for (UserInfo user : users) {
            table.row(user.username(), user.status(), user.enabled() ? "yes" : "no", String.join(",", user.groups()),
                    user.email(), user.createdAt(), user.sub());
        }
        return table;
    }
}
