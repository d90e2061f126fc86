package dev.photo.cli.completion;

import dev.photo.cli.config.EnvironmentDefaults;
import dev.photo.cli.output.EnvironmentHelp;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One man page (troff, section 1) per visible command, from the command model: {@code photo.1},
 * {@code photo-upload.1}, {@code photo-local-serve.1}. picocli's own ManPageGenerator writes AsciiDoc, which
 * would need Asciidoctor (and JRuby) in the build to become troff; the model has everything a page needs.
 */
public final class ManPages {

    private ManPages() {
    }

    /** File name to page, for every visible command under {@code root}. */
    public static Map<String, String> pages(CommandLine root, Map<String, String> exitCodes) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (CommandLine command : ModelText.visibleCommands(root)) {
            pages.put(pageName(command.getCommandSpec()) + ".1", page(command, exitCodes));
        }
        return pages;
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    private static String page(CommandLine command, Map<String, String> exitCodes) {
        CommandSpec spec = command.getCommandSpec();
        String name = pageName(spec);
        StringBuilder out = new StringBuilder();
        out.append(".\\\" generated from the command model of ").append(spec.root().name())
                .append(": do not edit; regenerate with packaging/regenerate-docs.sh\n");
        out.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" 1 \"\" \"")
                .append(spec.root().name()).append("\" \"User Commands\"\n");
        out.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(ModelText.commandDescription(spec))).append('\n');

        out.append(".SH SYNOPSIS\n.nf\n");
        String synopsis = new Help(spec, Help.defaultColorScheme(Ansi.OFF)).synopsis(0).stripTrailing();
        out.append(lines(synopsis)).append(".fi\n");

        String[] description = spec.usageMessage().description();
        out.append(".SH DESCRIPTION\n");
        for (String line : description) {
            out.append(lines(ModelText.plain(line)));
        }
        if (spec.aliases().length > 0) {
            out.append(".PP\nAlso called: ").append(escape(String.join(", ", spec.aliases()))).append(".\n");
        }

        List<CommandLine> subcommands = ModelText.visibleSubcommands(command);
        if (!subcommands.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandLine sub : subcommands) {
                CommandSpec subSpec = sub.getCommandSpec();
                out.append(".TP\n.B ").append(escape(subSpec.name())).append('\n')
                        .append(escape(ModelText.commandDescription(subSpec)))
                        .append(" See \\fB").append(escape(pageName(subSpec))).append("\\fR(1).\n");
            }
        }

        List<PositionalParamSpec> positionals = spec.positionalParameters().stream().filter(p -> !p.hidden())
                .toList();
        if (!positionals.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec positional : positionals) {
                out.append(".TP\n.I ").append(escape(positional.paramLabel())).append('\n');
                for (String line : positional.description()) {
                    out.append(lines(ModelText.plain(line)));
                }
            }
        }

        List<OptionSpec> options = ModelText.visibleOptions(spec);
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec option : options) {
                out.append(".TP\n");
                StringBuilder names = new StringBuilder();
                for (String optionName : option.names()) {
                    if (!names.isEmpty()) {
                        names.append(", ");
                    }
                    names.append("\\fB").append(escape(optionName)).append("\\fR");
                }
                if (ModelText.takesValue(option)) {
                    names.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
                }
                out.append(names).append('\n');
                for (String line : option.description()) {
                    out.append(lines(ModelText.plain(line)));
                }
                String env = EnvironmentHelp.line(EnvironmentDefaults.variables(option));
                if (env != null) {
                    out.append(".br\n").append(escape(env)).append('\n');
                }
            }
        }

        out.append(".SH EXIT STATUS\n");
        exitCodes.forEach((code, meaning) -> out.append(".TP\n.B ").append(escape(code.trim())).append('\n')
                .append(escape(meaning)).append('\n'));

        out.append(".SH SEE ALSO\n");
        if (spec.parent() != null) {
            out.append("\\fB").append(escape(pageName(spec.parent()))).append("\\fR(1)\n");
        } else {
            out.append("\\fB").append(escape(spec.name())).append(" help\\fR \\fICOMMAND\\fR\n");
        }
        return out.toString();
    }

    /** Text lines as troff text lines; an empty line becomes a paragraph break. */
    private static String lines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.isBlank() ? ".PP" : escape(line)).append('\n');
        }
        return out.toString();
    }

    /** Escapes troff's specials: the backslash, the hyphen (else rendered as a typographic one), a leading dot. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        if (escaped.startsWith(".") || escaped.startsWith("'")) {
            escaped = "\\&" + escaped;
        }
        return escaped;
    }
}
