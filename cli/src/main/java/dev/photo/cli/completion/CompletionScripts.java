package dev.photo.cli.completion;

import picocli.AutoComplete;
import picocli.CommandLine;

/** The completion script of each {@link Shell}, generated from the command model of {@code root}. */
public final class CompletionScripts {

    /** What picocli writes for an option whose values it cannot know; the profile option gets the config's. */
    private static final String PICOCLI_NO_CANDIDATES = """
                '--profile')
                  return
                  ;;
            """;

    private CompletionScripts() {
    }

    public static String script(Shell shell, CommandLine root) {
        return switch (shell) {
            case bash -> bash(root);
            case zsh -> zsh(root);
            case fish -> FishCompletion.script(root);
        };
    }

    /**
     * picocli's bash script, with the values of {@code --profile} read from the user's config when TAB is
     * pressed ({@code photo completion --candidates profiles}: one JVM start, no network).
     */
    static String bash(CommandLine root) {
        String name = root.getCommandName();
        String script = AutoComplete.bash(name, root);
        String profiles = """
                    '--profile')
                      COMPREPLY=( $(compgen -W "$(%s completion --candidates profiles 2>/dev/null)" -- "${curr_word}") )
                      return 0
                      ;;
                """.formatted(name);
        if (!script.contains(PICOCLI_NO_CANDIDATES)) {
            // a picocli upgrade changed its script: fail the build rather than silently lose profile completion
            throw new IllegalStateException("picocli's bash script no longer has the --profile case to extend");
        }
        return script.replace(PICOCLI_NO_CANDIDATES, profiles);
    }

    /**
     * The bash script through zsh's bash compatibility. Works both ways zsh users install completions: sourced
     * from {@code .zshrc}, and as {@code _photo} on {@code $fpath}, where compinit runs the file as the completion
     * function itself, so it then also completes the word it was called for.
     */
    static String zsh(CommandLine root) {
        String name = root.getCommandName();
        return "#compdef " + name + "\n"
                + "# zsh completion for " + name + ", generated from its command model: do not edit.\n"
                + "# Regenerate with: packaging/regenerate-docs.sh\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash(root).replace("#!/usr/bin/env bash\n", "")
                + "\n# loaded from $fpath by compinit: this file is the completion function, so complete now\n"
                + "if [[ \"${funcstack[1]}\" == \"_" + name + "\" ]]; then\n"
                + "  _bash_complete -F _complete_" + name + "\n"
                + "fi\n";
    }
}
