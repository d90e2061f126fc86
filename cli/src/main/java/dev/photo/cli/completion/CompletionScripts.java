package dev.photo.cli.completion;

import picocli.AutoComplete;
import picocli.CommandLine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The completion script of each {@link Shell}, generated from the command model of {@code root}. */
public final class CompletionScripts {

    /** What picocli writes for an option whose values it cannot know; the profile option gets the config's. */
    private static final String PICOCLI_NO_CANDIDATES = """
                '--profile')
                  return
                  ;;
            """;

    /** picocli's case for {@code --album} (with {@code -a} where the command has it), which offers nothing. */
    private static final Pattern PICOCLI_NO_ALBUMS =
            Pattern.compile("(\\n( *)((?:'-a'\\|)?'--album'\\)\\n)) *return\\n *;;\\n");

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
        Matcher albums = PICOCLI_NO_ALBUMS.matcher(script.replace(PICOCLI_NO_CANDIDATES, profiles));
        if (!albums.find()) {
            throw new IllegalStateException("picocli's bash script no longer has the --album case to extend");
        }
        // $2 is the case's indentation; the function below does the work
        String withAlbums = albums.replaceAll("$1$2  _" + name + "_albums \"\\${curr_word}\"\n$2  return 0\n$2  ;;\n");
        return withAlbums + albumFunction(name);
    }

    /**
     * Completes an album name from the cache of the profile named on the command line, else the default one
     * ({@code photo completion --candidates albums}: written by {@code photo albums} and {@code photo upload}, so
     * TAB never waits for the network). Names may hold spaces: one a line, each quoted for the command line.
     */
    private static String albumFunction(String name) {
        return """

                # album names from the local cache (photo albums and photo upload write it); never a network call
                function _%1$s_albums() {
                  local i word profile=()
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    if [[ "${COMP_WORDS[i]}" == --profile ]]; then profile=(--profile "${COMP_WORDS[i+1]}"); fi
                  done
                  local IFS=$'\\n'
                  COMPREPLY=()
                  for word in $(compgen -W "$(%1$s "${profile[@]}" completion --candidates albums 2>/dev/null)" -- "$1"); do
                    COMPREPLY+=("$(printf '%%q' "$word")")
                  done
                }
                """.formatted(name);
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
