package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.IdTokenClaims;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.mixin.OutputOptions;
import dev.photo.cli.output.JsonOutput;
import dev.photo.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code photo whoami}: who the cached login is, from the ID token's claims. */
@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Show the logged-in user, groups, profile, API URL and token expiry.")
public final class WhoamiCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    public WhoamiCommand(CliContext context) {
        this.context = context;
    }

    /** The JSON document. */
    record Identity(String username, String sub, List<String> groups, String profile, String apiUrl,
                    Instant expiresAt) {
    }

    @Override
    public Integer call() {
        Identity identity;
        try (Session session = Commands.openSession(context, spec)) {
            CachedTokens tokens = session.auth().validTokens();
            IdTokenClaims claims = IdTokenClaims.decode(tokens.idToken());
            identity = new Identity(claims.username(), claims.sub(), claims.groups(), session.profile().name(),
                    session.api().baseUrl().toString(), tokens.expiresAt());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, identity);
            return 0;
        }
        Table table = Table.withColumns("FIELD", "VALUE")
                .row("username", identity.username())
                .row("sub", identity.sub())
                .row("groups", String.join(",", identity.groups()))
                .row("profile", identity.profile())
                .row("api", identity.apiUrl())
                .row("expires", identity.expiresAt());
        output.print(table, out, context);
        return 0;
    }
}
