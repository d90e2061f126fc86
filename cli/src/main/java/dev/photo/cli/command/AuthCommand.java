package dev.photo.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code photo auth}: only holds the login inspection subcommands. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Inspect the cached login.",
        subcommands = {AuthStatusCommand.class, AuthTokenCommand.class})
public final class AuthCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing auth command");
    }
}
