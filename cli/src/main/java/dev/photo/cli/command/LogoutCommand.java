package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CliException;
import dev.photo.cli.backend.Session;
import dev.photo.cli.config.Profile;
import dev.photo.cli.config.TokenCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code photo logout}: revokes the refresh token where the login endpoint supports it (Cognito's RevokeToken),
 * then forgets the cached tokens. A revocation that fails is reported but never keeps the tokens on disk.
 */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Revoke the refresh token where the endpoint supports it and delete the cached login.")
public final class LogoutCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public LogoutCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Profile profile = Commands.profile(context, spec);
        TokenCache cache = new TokenCache(context.configDir());
        PrintWriter err = spec.commandLine().getErr();
        if (cache.load(profile.name()).map(t -> t.refreshToken() != null).orElse(false)) {
            try (Session session = Commands.openSession(context, spec)) {
                if (!session.auth().revokeCached()) {
                    err.println("photo: the login endpoint does not revoke tokens; the refresh token stays valid"
                            + " until it expires");
                }
            } catch (CliException e) {
                err.println("photo: warning: could not revoke the refresh token (" + e.getMessage() + ")");
            }
            err.flush();
        }
        boolean deleted = cache.delete(profile.name());
        PrintWriter out = spec.commandLine().getOut();
        out.println(deleted ? "logged out (profile " + profile.name() + ")"
                : "not logged in (profile " + profile.name() + ")");
        out.flush();
        return 0;
    }
}
