package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.Credentials;
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
                "On the local profile, with neither, the local admin user is used."})
public final class LoginCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--username"}, paramLabel = "NAME", description = "Username (default: $PHOTO_USERNAME).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    public LoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        try (Session session = Commands.openSession(context, spec)) {
            Credentials credentials = credentials(session);
            session.auth().logIn(credentials);
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
            BufferedReader reader = new BufferedReader(new InputStreamReader(context.stdin(), StandardCharsets.UTF_8));
            String line = reader.readLine();
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
}
