package dev.photo.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code photo local}: the embedded local stack. */
@Command(name = "local", mixinStandardHelpOptions = true, description = "Run the backend on this machine.",
        subcommands = {LocalServeCommand.class})
public final class LocalCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
