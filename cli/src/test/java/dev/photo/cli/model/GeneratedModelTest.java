package dev.photo.cli.model;

import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.command.GeneratedModels;
import dev.photo.cli.command.PhotoCommand;
import dev.photo.cli.completion.GeneratedFiles;
import dev.photo.cli.config.EnvironmentDefaults;
import dev.photo.cli.config.OptionMember;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command models generated from the annotations ({@link ModelSource}), which {@code photo} builds on its start
 * path, against the models picocli reads from the annotations: every attribute, the help, the completion scripts,
 * the man pages and what a command line sets must be the same.
 */
class GeneratedModelTest {

    private static final PrintWriter SINK = new PrintWriter(new StringWriter());

    private static final List<List<String>> COMMAND_LINES = List.of(
            List.of("list", "--output", "json"),
            List.of("--profile", "work", "ls", "-a", "summer", "--status", "ready", "--since", "2024-07-01",
                    "--until", "2024-08-01T00:00:00Z", "--by", "UPLOADED", "--limit", "5", "--all", "--cursor", "c1",
                    "--data-dir", "some/dir", "--output", "plain"),
            List.of("list", "--help"),
            List.of("show", "01a2350f", "--output", "json"),
            List.of("--debug", "whoami", "--output", "plain"),
            List.of("--version"));

    @Test
    void the_generated_tree_has_every_attribute_of_the_annotation_tree() {
        CliContext context = CliContext.fromEnvironment(Map.of());

        for (List<String> args : COMMAND_LINES) {
            String[] words = args.toArray(String[]::new);
            assertThat(describe(CommandLineFactory.forArguments(context, SINK, SINK, words)))
                    .as("the model for %s", args)
                    .isEqualTo(describe(CommandLineFactory.fromAnnotationsForArguments(context, SINK, SINK, words)));
        }
        assertThat(describe(CommandLineFactory.create(context, SINK, SINK)))
                .isEqualTo(describe(CommandLineFactory.createFromAnnotations(context, SINK, SINK)));
    }

    @Test
    void the_generated_commands_are_the_ones_photo_builds_without_annotations() {
        CliContext context = CliContext.fromEnvironment(Map.of());
        CommandLine tree = CommandLineFactory.forArguments(context, SINK, SINK, "list");

        assertThat(tree.getCommandSpec().userObject()).isInstanceOf(PhotoCommand.class);
        assertThat(tree.getSubcommands()).containsOnlyKeys("list", "ls");
        assertThat(CommandLineFactory.forArguments(context, SINK, SINK, "show", "x").getSubcommands().get("show")
                .getCommandSpec().positionalParameters().get(0).userObject()).isInstanceOf(OptionMember.class);
        // a generated model's options are bound through the generated members, not through fields found by reflection
        for (CommandSpec spec : List.of(tree.getCommandSpec(), tree.getSubcommands().get("list").getCommandSpec())) {
            for (OptionSpec option : spec.options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    assertThat(option.userObject()).as(option.longestName()).isInstanceOf(OptionMember.class);
                }
            }
        }
        for (Class<?> type : ModelSource.COMMANDS) {
            assertThat(GeneratedModels.spec(type, context)).as(type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void help_completions_and_man_pages_are_the_same_from_either_model() {
        CliContext context = CliContext.fromEnvironment(Map.of());
        CommandLine generated = CommandLineFactory.create(context, SINK, SINK);
        CommandLine annotated = CommandLineFactory.createFromAnnotations(context, SINK, SINK);

        assertThat(GeneratedFiles.files(generated)).isEqualTo(GeneratedFiles.files(annotated));
        for (String command : List.of("", "list", "ls", "show", "whoami")) {
            CommandLine a = command.isEmpty() ? generated : generated.getSubcommands().get(command);
            CommandLine b = command.isEmpty() ? annotated : annotated.getSubcommands().get(command);
            assertThat(a.getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .isEqualTo(b.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
    }

    @Test
    void a_command_line_and_the_environment_set_the_same_values_in_either_model() {
        CliContext context = CliContext.fromEnvironment(Map.of("PHOTO_HOME", "from/env", "PHOTO_LIST_LIMIT", "7",
                "PHOTO_OUTPUT", "plain"));
        List<List<String>> lines = new ArrayList<>(COMMAND_LINES.subList(0, 2));
        lines.add(List.of("list", "--status", "PENDING"));
        lines.add(List.of("show", "some-id"));
        lines.add(List.of("whoami", "--data-dir", "some/dir"));

        for (List<String> args : lines) {
            String[] words = args.toArray(String[]::new);
            assertThat(values(CommandLineFactory.forArguments(context, SINK, SINK, words), words))
                    .as("the values of %s", args)
                    .isEqualTo(values(CommandLineFactory.fromAnnotationsForArguments(context, SINK, SINK, words),
                            words))
                    .contains("--data-dir=" + (args.contains("--data-dir") ? "some/dir" : "from/env"));
        }
    }

    @Test
    void the_subcommand_table_names_each_command_by_its_annotation() {
        for (Class<?> type : PhotoCommand.SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            assertThat(GeneratedModels.subcommandNamed(command.name())).isEqualTo(type);
            for (String alias : command.aliases()) {
                assertThat(GeneratedModels.subcommandNamed(alias)).isEqualTo(type);
            }
        }
        assertThat(GeneratedModels.subcommandNamed("lst")).isNull();
    }

    /** Each option's value after parsing {@code args}, its name first: what the command then reads. */
    private static List<String> values(CommandLine tree, String... args) {
        CommandLine.ParseResult result = tree.parseArgs(args);
        List<String> values = new ArrayList<>();
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            for (OptionSpec option : r.commandSpec().options()) {
                values.add(option.longestName() + "=" + option.getValue());
            }
            for (PositionalParamSpec positional : r.commandSpec().positionalParameters()) {
                values.add(positional.paramLabel() + "=" + positional.getValue());
            }
        }
        return values;
    }

    /** Every attribute of every command, option and positional parameter of {@code tree}, one per line. */
    static String describe(CommandLine tree) {
        StringBuilder b = new StringBuilder();
        describe(tree.getCommandSpec(), b);
        return b.toString();
    }

    private static void describe(CommandSpec spec, StringBuilder b) {
        line(b, "command", spec.qualifiedName());
        line(b, "  name", spec.name(), "aliases", Arrays.toString(spec.aliases()));
        line(b, "  userObject", type(spec.userObject()), "parent",
                spec.parent() == null ? null : spec.parent().qualifiedName());
        line(b, "  versionProvider", type(spec.versionProvider()), "version", Arrays.toString(spec.version()));
        line(b, "  mixinStandardHelpOptions", spec.mixinStandardHelpOptions(), "helpCommand", spec.helpCommand(),
                "scope", spec.scopeType(), "inherited", spec.inherited());
        line(b, "  interpolateVariables", spec.interpolateVariables(), "subcommandsRepeatable",
                spec.subcommandsRepeatable(), "addMethodSubcommands", spec.isAddMethodSubcommands());
        line(b, "  exitCodes", spec.exitCodeOnSuccess(), spec.exitCodeOnUsageHelp(), spec.exitCodeOnVersionHelp(),
                spec.exitCodeOnInvalidInput(), spec.exitCodeOnExecutionException());
        line(b, "  defaultValueProvider", type(spec.defaultValueProvider()), "modelTransformer",
                ModelSource.noOp(spec.modelTransformer()), "preprocessor", ModelSource.noOp(spec.preprocessor()));
        line(b, "  parser separator", spec.parser().separator(), "resourceBundle", spec.resourceBundleBaseName());
        UsageMessageSpec u = spec.usageMessage();
        line(b, "  usage description", Arrays.toString(u.description()), "header", Arrays.toString(u.header()),
                "footer", Arrays.toString(u.footer()), "customSynopsis", Arrays.toString(u.customSynopsis()));
        line(b, "  usage headings", u.headerHeading(), u.synopsisHeading(), u.descriptionHeading(),
                u.parameterListHeading(), u.optionListHeading(), u.commandListHeading(), u.footerHeading(),
                u.exitCodeListHeading(), u.synopsisSubcommandLabel());
        line(b, "  usage layout", u.abbreviateSynopsis(), u.sortOptions(), u.sortSynopsis(), u.showDefaultValues(),
                u.hidden(), u.showAtFileInUsageHelp(), u.showEndOfOptionsDelimiterInUsageHelp(), u.autoWidth(),
                u.width(), u.longOptionsMaxWidth(), u.requiredOptionMarker(), "sections", u.sectionKeys());
        line(b, "  exitCodeList", u.exitCodeList());
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            List<String> names = new ArrayList<>();
            mixin.getValue().options().forEach(o -> names.add(o.longestName()));
            line(b, "  mixin", mixin.getKey(), mixin.getKey().equals("mixinStandardHelpOptions") ? "picocli's"
                    : type(mixin.getValue().userObject()), names);
        }
        for (OptionSpec option : spec.options()) {
            OptionSpec.Builder raw = option.toBuilder();
            line(b, "  option", Arrays.toString(option.names()), "raw", Arrays.toString(raw.names()),
                    "command", option.command().qualifiedName());
            line(b, "    usageHelp", option.usageHelp(), "versionHelp", option.versionHelp(), "help", option.help(),
                    "negatable", option.negatable(), "fallbackValue", option.fallbackValue(), "order",
                    option.order());
            arg(option, b);
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            line(b, "  positional", range(positional.index()), "command", positional.command().qualifiedName());
            arg(positional, b);
        }
        line(b, "  args", spec.args().size(), "requiredArgs", spec.requiredArgs().size(), "synopsis",
                spec.commandLine() == null ? null : spec.commandLine().getHelp().synopsis(0));
        List<String> subcommands = new ArrayList<>(spec.subcommands().keySet());
        line(b, "  subcommands", subcommands);
        List<CommandLine> seen = new ArrayList<>();
        for (CommandLine sub : spec.subcommands().values()) {
            if (!seen.contains(sub)) {
                seen.add(sub);
                describe(sub.getCommandSpec(), b);
            }
        }
    }

    private static void arg(ArgSpec arg, StringBuilder b) {
        line(b, "    arity", range(arg.arity()), "paramLabel", arg.paramLabel(), "hideParamSyntax",
                arg.hideParamSyntax());
        line(b, "    description", Arrays.toString(arg.description()), "raw",
                Arrays.toString(arg.isOption() ? ((OptionSpec) arg).toBuilder().description()
                        : ((PositionalParamSpec) arg).toBuilder().description()), "key", arg.descriptionKey());
        line(b, "    required", arg.required(), "interactive", arg.interactive(), "echo", arg.echo(), "prompt",
                arg.prompt(), "hidden", arg.hidden(), "inherited", arg.inherited());
        line(b, "    split", arg.splitRegex(), arg.splitRegexSynopsisLabel(), "default", arg.defaultValue(),
                "mapFallback", arg.mapFallbackValue(), "showDefault", arg.showDefaultValue(), "scope",
                arg.scopeType());
        line(b, "    type", arg.type().getName(), "auxiliary", Arrays.toString(arg.auxiliaryTypes()), "typeInfo",
                arg.typeInfo().getClassName(), arg.typeInfo().isBoolean(), arg.typeInfo().isMultiValue(),
                arg.typeInfo().isEnum(), arg.typeInfo().getEnumConstantNames(), arg.typeInfo().isOptional());
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        line(b, "    candidates", candidates, "converters", arg.converters().length, "consumer",
                ModelSource.noOp(arg.parameterConsumer()), "preprocessor", ModelSource.noOp(arg.preprocessor()));
        line(b, "    initial", arg.hasInitialValue(), arg.initialValue(), "value", arg.getValue(), "toString",
                arg.toString(), "getter", arg.getter() != null, "setter", arg.setter() != null);
        line(b, "    member", member(arg.userObject()), "variables",
                arg instanceof OptionSpec option ? EnvironmentDefaults.variables(option) : List.of());
    }

    /** The field or method behind an option, as reflection or the generated model names it. */
    private static String member(Object userObject) {
        if (userObject instanceof OptionMember m) {
            return m.declaringClass().getName() + "." + m.memberName() + " env=" + m.environmentVariable();
        }
        if (userObject instanceof Member m && m.getDeclaringClass().getName().startsWith("dev.photo.")) {
            var env = ((AnnotatedElement) m).getAnnotation(dev.photo.cli.config.EnvironmentVariable.class);
            return m.getDeclaringClass().getName() + "." + m.getName() + " env=" + (env == null ? null : env.value());
        }
        // picocli's own --help and --version, whose fields only picocli sees
        return "picocli's";
    }

    private static String range(Range range) {
        return range + " min=" + range.min() + " max=" + range.max() + " variable=" + range.isVariable()
                + " unspecified=" + range.isUnspecified() + " original=" + range.originalValue();
    }

    private static String type(Object value) {
        return value == null ? null : value.getClass().getName();
    }

    private static void line(StringBuilder b, String name, Object... values) {
        b.append(name);
        for (Object value : values) {
            b.append(' ').append(value instanceof Path p ? p.toString() : value);
        }
        b.append('\n');
    }
}
