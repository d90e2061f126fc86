package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.contract.CreateUserRequest;
import dev.photo.contract.UserInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code photo admin users add NAME}: a user who must choose a new password at the first login. The temporary
 * password is read without echo, or from stdin; without one, Cognito sends an invitation to {@code --email}.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a user who must change the temporary password at the first login.",
                "The temporary password is asked for without echo (or read from stdin with --password-stdin);"
                        + " with --invite, Cognito mails a generated one to --email instead (not on the local"
                        + " stack)."})
public final class UsersAddCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user name.")
    String username;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "The user's email address.")
    String email;

    @Option(names = "--password-stdin", description = "Read the temporary password from the first line of stdin.")
    boolean passwordStdin;

    @Option(names = "--invite", description = "Have Cognito mail an invitation with a generated password.")
    boolean invite;

    @Option(names = "--admin", description = "Add the user to the admins group at once.")
    boolean admin;

    public UsersAddCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (invite && passwordStdin) {
            throw CliException.usage("--invite and --password-stdin exclude each other");
        }
        if (invite && email == null) {
            throw CliException.usage("--invite needs --email");
        }
        String password = invite ? null : temporaryPassword();
        UserInfo user;
        try (Session session = Commands.openSession(context, spec)) {
            user = session.api().addUser(new CreateUserRequest(username, email, password, admin ? true : null));
        }
        if (output.json()) {
            JsonOutput.print(spec.commandLine().getOut(), user);
        } else {
            output.print(UserRows.table(List.of(user)), spec.commandLine().getOut(), context);
        }
        return 0;
    }

    private String temporaryPassword() {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8))
                        .readLine();
                if (line == null || line.isEmpty()) {
                    throw CliException.usage("--password-stdin: stdin held no password");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stdin", e);
            }
        }
        Optional<char[]> typed = context.terminal().readPassword("Temporary password for " + username + ": ");
        if (typed.isEmpty() || typed.get().length == 0) {
            throw CliException.usage("no temporary password: type one, or use --password-stdin or --invite");
        }
        return new String(typed.get());
    }
}
