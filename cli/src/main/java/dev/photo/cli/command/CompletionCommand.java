package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.CliException;
import dev.photo.cli.completion.CompletionScripts;
import dev.photo.cli.config.AlbumNameCache;
import dev.photo.cli.completion.Shell;
import dev.photo.cli.config.ConfigStore;
import dev.photo.cli.config.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code photo completion bash|zsh|fish}: prints the completion script generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the shell completion script for bash, zsh or fish.",
        footer = {"%nInstall for the current user:",
                "  bash: photo completion bash > ~/.local/share/bash-completion/completions/photo",
                "  zsh:  photo completion zsh > \"${fpath[1]}/_photo\"   (or in ~/.zshrc: source <(photo completion zsh))",
                "  fish: photo completion fish > ~/.config/fish/completions/photo.fish",
                "The .deb package installs all three."})
public final class CompletionCommand implements Callable<Integer> {

    /**
     * What the scripts ask for when TAB is pressed after an option whose values are known locally: the config's
     * profiles, and the album names the chosen profile last listed or uploaded into (never asked of the API).
     */
    enum Candidates { profiles, albums }

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Option(names = "--candidates", hidden = true, paramLabel = "WHAT",
            description = "Print the values to complete (profiles, albums), one a line; used by the scripts.")
    Candidates candidates;

    public CompletionCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (candidates == Candidates.profiles) {
            profileNames().forEach(out::println);
        } else if (candidates == Candidates.albums) {
            String profile = Commands.profile(context, spec).name();
            new AlbumNameCache(context.profileStateDir(profile)).read().forEach(out::println);
        } else if (shell != null) {
            out.print(CompletionScripts.script(shell, CommandLineFactory.create(context, spec.commandLine().getOut(), spec.commandLine().getErr())));
        } else {
            throw CliException.usage("name a shell: photo completion bash|zsh|fish");
        }
        out.flush();
        return 0;
    }

    private Set<String> profileNames() {
        Set<String> names = new TreeSet<>(new ConfigStore(context.configDir()).load().profiles().keySet());
        names.add(Profile.LOCAL);
        return names;
    }
}
