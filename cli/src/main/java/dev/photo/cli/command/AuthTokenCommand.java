package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code photo auth token}: prints the ID token, renewed first if it has run out, for scripts that call the API
 * themselves. The one command whose output is a secret: it is printed only because it was asked for.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print the ID token (renewed if expired), for scripts: curl -H \"Authorization: Bearer $(photo"
                + " auth token)\" ...")
public final class AuthTokenCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public AuthTokenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String token;
        try (Session session = Commands.openSession(context, spec)) {
            token = session.auth().validTokens().idToken();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        return 0;
    }
}
