package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.completion.CompletionScripts;
import dev.photo.cli.completion.Shell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code photo generate-completion}: the old name of {@code photo completion bash}, kept for existing set-ups. */
@Command(name = "generate-completion", hidden = true, mixinStandardHelpOptions = true,
        description = "Print the bash completion script (now: photo completion bash).")
public final class GenerateCompletionCommand implements Runnable {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public GenerateCompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public void run() {
        spec.commandLine().getOut().print(CompletionScripts.script(Shell.bash, CommandLineFactory.create(context, spec.commandLine().getOut(), spec.commandLine().getErr())));
        spec.commandLine().getOut().flush();
    }
}
