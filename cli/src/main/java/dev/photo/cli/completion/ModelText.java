package dev.photo.cli.completion;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the generators read from the command model, in one place: visible commands, options, one-line texts. */
final class ModelText {

    private ModelText() {
    }

    /** {@code root} and every visible subcommand below it, depth first, each once (aliases not repeated). */
    static List<CommandLine> visibleCommands(CommandLine root) {
        List<CommandLine> result = new ArrayList<>();
        collect(root, result);
        return result;
    }

    private static void collect(CommandLine command, List<CommandLine> result) {
        result.add(command);
        for (CommandLine sub : visibleSubcommands(command)) {
            collect(sub, result);
        }
    }

    /** The direct subcommands of {@code command} that help lists, in declaration order. */
    static List<CommandLine> visibleSubcommands(CommandLine command) {
        List<CommandLine> result = new ArrayList<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden() && !result.contains(sub)) {
                result.add(sub);
            }
        }
        return result;
    }

    /** The command's words after {@code photo}: empty for the root, {@code [local, serve]} below. */
    static List<String> path(CommandSpec spec) {
        List<String> words = new ArrayList<>();
        for (CommandSpec s = spec; s.parent() != null; s = s.parent()) {
            words.add(0, s.name());
        }
        return words;
    }

    static List<OptionSpec> visibleOptions(CommandSpec spec) {
        List<OptionSpec> result = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                result.add(option);
            }
        }
        return result;
    }

    static boolean takesValue(ArgSpec arg) {
        return arg.arity().max() > 0 && !arg.typeInfo().isBoolean();
    }

    static boolean isPath(ArgSpec arg) {
        Class<?> type = arg.typeInfo().getType();
        if (arg.typeInfo().isMultiValue() && !arg.typeInfo().getAuxiliaryTypeInfos().isEmpty()) {
            type = arg.typeInfo().getAuxiliaryTypeInfos().get(0).getType();
        }
        return Path.class.isAssignableFrom(type) || java.io.File.class.isAssignableFrom(type);
    }

    /** The first line of a description, as the user reads it in help (picocli's %n and %% resolved). */
    static String firstLine(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        return plain(description[0]).split("\n", 2)[0].trim();
    }

    /** All lines of a description joined, %n as line breaks. */
    static String plain(String text) {
        return text.replace("%n", "\n").replace("%%", "%");
    }

    static String commandDescription(CommandSpec spec) {
        return firstLine(spec.usageMessage().description());
    }
}
