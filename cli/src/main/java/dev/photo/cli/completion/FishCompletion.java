package dev.photo.cli.completion;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A fish completion script from the command model; picocli's AutoComplete covers bash and zsh only. Every
 * {@code complete} line is guarded by the command path typed so far, so {@code photo local serve --<TAB>} offers
 * serve's options and no others.
 */
final class FishCompletion {

    private FishCompletion() {
    }

    static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder out = new StringBuilder();
        out.append("# fish completion for ").append(name).append(", generated from its command model: do not edit.\n");
        out.append("# Regenerate with: packaging/regenerate-docs.sh\n\n");
        appendPathFunction(out, root);
        out.append("complete -c ").append(name).append(" -f\n");
        for (CommandLine command : ModelText.visibleCommands(root)) {
            appendCommand(out, name, command);
        }
        return out.toString();
    }

    /**
     * {@code __NAME_path} prints the subcommand words typed so far ("local serve"), skipping options and their
     * values, so that a value such as {@code --profile local} is not taken for the {@code local} command.
     */
    private static void appendPathFunction(StringBuilder out, CommandLine root) {
        String name = root.getCommandName();
        Set<String> paths = new TreeSet<>();
        Set<String> valued = new TreeSet<>();
        for (CommandLine command : ModelText.visibleCommands(root)) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.parent() != null) {
                for (String word : names(command)) {
                    List<String> path = ModelText.path(spec.parent());
                    path.add(word);
                    paths.add(String.join(" ", path));
                }
            }
            for (OptionSpec option : spec.options()) {
                if (ModelText.takesValue(option)) {
                    for (String optionName : option.names()) {
                        valued.add(optionName);
                    }
                }
            }
        }
        out.append("function __").append(name).append("_path\n");
        out.append("    set -l commands");
        paths.forEach(p -> out.append(' ').append(quote(p)));
        out.append('\n');
        out.append("    set -l valued");
        valued.forEach(v -> out.append(' ').append(quote(v)));
        out.append('\n');
        out.append("""
                    set -l path
                    set -l skip 0
                    for word in (commandline -opc)[2..-1]
                        if test $skip = 1
                            set skip 0
                        else if contains -- $word $valued
                            set skip 1
                        else if string match -q -- '-*' $word
                            continue
                        else if contains -- (string join ' ' $path $word) $commands
                            set -a path $word
                        end
                    end
                    string join ' ' $path
                end

                """);
        out.append("""
                function __%1$s_albums
                    set -l words (commandline -opc)
                    set -l profile
                    for i in (seq (count $words))
                        if test "$words[$i]" = --profile; and test $i -lt (count $words)
                            set profile --profile $words[(math $i + 1)]
                        end
                    end
                    %1$s $profile completion --candidates albums 2>/dev/null
                end

                """.formatted(name));
        out.append("function __").append(name).append("_at\n");
        out.append("    set -l path (__").append(name).append("_path)\n");
        out.append("    test \"$path\" = \"$argv[1]\"\n");
        out.append("end\n\n");
    }

    private static void appendCommand(StringBuilder out, String name, CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        String at = "-n " + quote("__" + name + "_at " + quote(String.join(" ", ModelText.path(spec))));
        out.append("\n# ").append(spec.qualifiedName()).append('\n');
        for (CommandLine sub : ModelText.visibleSubcommands(command)) {
            for (String word : names(sub)) {
                out.append("complete -c ").append(name).append(' ').append(at).append(" -a ").append(quote(word))
                        .append(" -d ").append(quote(ModelText.commandDescription(sub.getCommandSpec())))
                        .append('\n');
            }
        }
        for (OptionSpec option : ModelText.visibleOptions(spec)) {
            out.append("complete -c ").append(name).append(' ').append(at);
            for (String optionName : option.names()) {
                if (optionName.startsWith("--")) {
                    out.append(" -l ").append(optionName.substring(2));
                } else {
                    out.append(" -s ").append(optionName.substring(1));
                }
            }
            if (ModelText.takesValue(option)) {
                out.append(valueCompletion(name, option.paramLabel(), option.completionCandidates(),
                        ModelText.isPath(option), option.longestName()));
            }
            out.append(" -d ").append(quote(ModelText.firstLine(option.description()))).append('\n');
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            if (positional.hidden()) {
                continue;
            }
            if (ModelText.isPath(positional)) {
                out.append("complete -c ").append(name).append(' ').append(at).append(" -F\n");
            } else if (positional.completionCandidates() != null) {
                out.append("complete -c ").append(name).append(' ').append(at)
                        .append(" -a ").append(quote(join(positional.completionCandidates()))).append('\n');
            }
        }
    }

    private static String valueCompletion(String name, String label, Iterable<String> candidates, boolean path,
                                          String optionName) {
        if (path) {
            return " -r -F";
        }
        if ("--profile".equals(optionName)) {
            // the profile names of the user's config, read when TAB is pressed
            return " -x -a " + quote("(" + name + " completion --candidates profiles 2>/dev/null)");
        }
        if ("--album".equals(optionName)) {
            // the album names the profile last listed or uploaded into, from the local cache
            return " -x -a " + quote("(__" + name + "_albums)");
        }
        if (candidates != null) {
            return " -x -a " + quote(join(candidates));
        }
        return " -x";
    }

    private static List<String> names(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        List<String> words = new java.util.ArrayList<>();
        words.add(spec.name());
        words.addAll(List.of(spec.aliases()));
        return words;
    }

    private static String join(Iterable<String> values) {
        return String.join(" ", values);
    }

    /** A single-quoted fish word: only the backslash and the quote itself are special inside. */
    static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
