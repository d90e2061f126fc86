package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.IdTokenClaims;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.Profile;
import dev.photo.cli.config.TokenCache;
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
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code photo auth status}: whether the profile's cached login is valid, without contacting anything. Exit code 4
 * when there is none or it has expired, so scripts can test it.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show whether the profile is logged in and until when; contacts nothing.",
                "Exit code 4 when not logged in or the login has expired."})
public final class AuthStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    public AuthStatusCommand(CliContext context) {
        this.context = context;
    }

    /** The JSON document; {@code state} is logged-in, expired or logged-out. */
    record Status(String profile, String state, String username, List<String> groups, Instant expiresAt,
                  boolean refreshable) {
    }

    @Override
    public Integer call() {
        Profile profile = Commands.profile(context, spec);
        Optional<CachedTokens> cached = new TokenCache(context.configDir()).load(profile.name());
        Status status;
        if (cached.isEmpty()) {
            status = new Status(profile.name(), "logged-out", null, List.of(), null, false);
        } else {
            CachedTokens tokens = cached.get();
            IdTokenClaims claims = IdTokenClaims.decode(tokens.idToken());
            boolean valid = tokens.expiresAt() != null && tokens.expiresAt().isAfter(context.clock().instant());
            status = new Status(profile.name(), valid ? "logged-in" : "expired", claims.username(), claims.groups(),
                    tokens.expiresAt(), tokens.refreshToken() != null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            JsonOutput.print(out, status);
        } else {
            Table table = Table.withColumns("FIELD", "VALUE")
                    .row("profile", status.profile())
                    .row("state", status.state())
                    .row("username", status.username())
                    .row("groups", String.join(",", status.groups()))
                    .row("expires", status.expiresAt())
                    .row("refreshable", status.refreshable() ? "yes" : "no");
            output.print(table, out, context);
        }
        return "logged-in".equals(status.state()) ? ExitCodes.OK : ExitCodes.AUTH;
    }
}
