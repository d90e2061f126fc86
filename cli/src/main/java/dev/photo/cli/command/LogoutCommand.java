package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.config.Profile;
import dev.photo.cli.config.TokenCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code photo logout}: forgets the cached tokens of the profile. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Delete the cached login of the profile.")
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
        boolean deleted = new TokenCache(context.configDir()).delete(profile.name());
        PrintWriter out = spec.commandLine().getOut();
        out.println(deleted ? "logged out (profile " + profile.name() + ")"
                : "not logged in (profile " + profile.name() + ")");
        out.flush();
        return 0;
    }
}
