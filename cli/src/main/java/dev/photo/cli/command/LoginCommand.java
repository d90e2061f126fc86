package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.Credentials;
import dev.photo.cli.client.NewPasswordRequiredException;
import dev.photo.cli.config.EnvironmentVariable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code photo login [--username U] [--password-stdin]}. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Log in and cache the tokens (owner-only file in the config folder).",
                "The password comes from --password-stdin, $PHOTO_PASSWORD, or a prompt that does not echo.",
                "A temporary password (set by an admin) must be replaced at once: the new one comes from"
                        + " --new-password-stdin (the line after the password when both read stdin) or a prompt"
                        + " that does not echo.",
                "On the local profile, with neither, the local admin user is used."})
public final class LoginCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @EnvironmentVariable("PHOTO_USERNAME")
    @Option(names = {"-u", "--username"}, paramLabel = "NAME", description = "Username (default: $PHOTO_USERNAME).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--new-password-stdin",
            description = "Read the new password for a temporary one from standard input.")
    boolean newPasswordStdin;

    /** One reader for both passwords, so the second line is not lost in the first reader's buffer. */
    private BufferedReader stdin;

    public LoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (Session session = Commands.openSession(context, spec)) {
            Credentials credentials = credentials(session);
            try {
                session.auth().logIn(credentials);
            } catch (NewPasswordRequiredException challenge) {
                spec.commandLine().getErr().println("photo: the password is temporary; choose a new one");
                spec.commandLine().getErr().flush();
                session.auth().completeNewPassword(challenge, newPassword());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("logged in as " + credentials.username() + " (profile " + session.profile().name() + ")");
            out.flush();
        }
        return 0;
    }

    private Credentials credentials(Session session) throws IOException {
        String name = username != null ? username : context.env("PHOTO_USERNAME");
        boolean passwordGiven = passwordStdin || context.env("PHOTO_PASSWORD") != null;
        Optional<Credentials> local = session.auth().autoLoginCredentials();
        if (name == null && !passwordGiven && local.isPresent()) {
            return local.get();
        }
        if (name == null) {
            name = context.terminal().readLine("Username: ").map(String::strip).filter(s -> !s.isEmpty())
                    .orElseThrow(() -> CliException.usage("no username: use --username or $PHOTO_USERNAME"));
        }
        return new Credentials(name, password());
    }

    private String password() throws IOException {
        if (passwordStdin) {
            String line = stdin().readLine();
            if (line == null || line.isEmpty()) {
                throw CliException.usage("--password-stdin: standard input is empty");
            }
            return line;
        }
        String fromEnvironment = context.env("PHOTO_PASSWORD");
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return context.terminal().readPassword("Password: ").map(String::new).filter(s -> !s.isEmpty())
                .orElseThrow(() -> CliException.usage("no password: use --password-stdin or $PHOTO_PASSWORD"));
    }

    private String newPassword() throws IOException {
        if (newPasswordStdin) {
            String line = stdin().readLine();
            if (line == null || line.isEmpty()) {
                throw CliException.usage("--new-password-stdin: no new password on standard input");
            }
            return line;
        }
        String first = context.terminal().readPassword("New password: ").map(String::new).filter(s -> !s.isEmpty())
                .orElseThrow(() -> CliException.usage("no new password: use --new-password-stdin"));
        String again = context.terminal().readPassword("New password again: ").map(String::new).orElse("");
        if (!first.equals(again)) {
            throw CliException.usage("the two new passwords differ");
        }
        return first;
    }

    private BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
        }
        return stdin;
    }
}
