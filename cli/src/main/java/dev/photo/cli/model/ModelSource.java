package dev.photo.cli.model;

import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.command.ListCommand;
import dev.photo.cli.command.PhotoCommand;
import dev.photo.cli.command.ShowCommand;
import dev.photo.cli.command.WhoamiCommand;
import dev.photo.cli.config.EnvironmentVariable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes the Java source of the command models that {@code photo} builds on its start path without annotation
 * reflection: for the root and the commands in {@link #COMMANDS}, the same {@link CommandSpec} that picocli reads from
 * their annotations, built with picocli's programmatic API, its options bound to the commands' fields by generated
 * getters and setters. Reading the annotations costs a short command most of its model's time at every start (the
 * JDK's annotation parser makes a proxy class per annotation type with the class-file API; docs/benchmarks.md).
 *
 * <p>The source is generated from the annotation model itself, so the annotations stay the one place a command is
 * declared: {@code packaging/regenerate-docs.sh} rewrites the files, {@code GeneratedFilesTest} fails when the
 * committed ones no longer match, and {@code GeneratedModelTest} checks that the two models agree. Anything the
 * generator does not reproduce (argument groups, converters, custom completion candidates, parameter consumers) is
 * refused with an exception, not left out.
 */
public final class ModelSource {

    /** The subcommands generated besides the root: those started most, whose start time counts. */
    public static final List<Class<?>> COMMANDS = List.of(ListCommand.class, ShowCommand.class, WhoamiCommand.class);

    /** The generated class in each package that holds commands or mixins. */
    public static final String CLASS = "GeneratedModels";

    private static final String STANDARD_HELP = "mixinStandardHelpOptions";
    private static final Path SOURCES = Path.of("cli", "src", "main", "java");

    private final CliContext context = CliContext.fromEnvironment(Map.of());
    /** Per package: the methods of its generated class, by the class they build. */
    private final Map<String, Map<String, String>> methods = new TreeMap<>();
    private final Map<String, Map<String, String>> bindings = new TreeMap<>();

    private ModelSource() {
    }

    /** The generated files, by their path in the source tree. */
    public static Map<Path, String> files() {
        ModelSource source = new ModelSource();
        source.command(PhotoCommand.class, true);
        for (Class<?> type : COMMANDS) {
            source.command(type, false);
        }
        source.lookups();
        Map<Path, String> files = new LinkedHashMap<>();
        for (String pkg : source.methods.keySet()) {
            files.put(SOURCES.resolve(pkg.replace('.', '/')).resolve(CLASS + ".java"), source.file(pkg));
        }
        return files;
    }

    private void command(Class<?> type, boolean root) {
        CommandSpec spec = CommandLineFactory.annotatedSpec(context, type);
        StringBuilder b = new StringBuilder();
        String name = simpleName(type);
        b.append("    /** The model picocli builds from the annotations of {@link ").append(name).append("}. */\n");
        b.append("    public static CommandSpec ").append(methodName(type)).append("(CliContext context) {\n");
        b.append("        ").append(name).append(" command = ");
        if (hasContextConstructor(type)) {
            b.append("new ").append(name).append("(context);\n");
        } else {
            b.append("new ").append(name).append("();\n");
        }
        b.append("        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);\n");
        commandAttributes(spec, type, b);
        for (Field field : fields(type)) {
            if (field.isAnnotationPresent(CommandLine.Spec.class)) {
                b.append("        command.").append(field.getName()).append(" = spec;\n");
            }
        }
        members(spec, type, "command", b);
        b.append("        return spec;\n    }\n");
        method(type.getPackageName(), methodName(type), b.toString());
        if (!root && spec.subcommands().size() > 0) {
            throw unsupported(type, "subcommands");
        }
    }

    /**
     * {@code spec(type, context)}, the generated model of a subcommand or {@code null}, and
     * {@code subcommandNamed(word)}, the subcommand a word names (its name or an alias), so that choosing the one
     * subcommand to build reads no {@code @Command} annotation either.
     */
    private void lookups() {
        String pkg = PhotoCommand.class.getPackageName();
        StringBuilder spec = new StringBuilder();
        spec.append("    /** The generated model of the subcommand {@code type}, or {@code null} when it has none. */\n");
        spec.append("    public static CommandSpec spec(Class<?> type, CliContext context) {\n");
        for (Class<?> type : COMMANDS) {
            spec.append("        if (type == ").append(type.getName()).append(".class) {\n");
            spec.append("            return ").append(methodName(type)).append("(context);\n        }\n");
        }
        spec.append("        return null;\n    }\n");
        method(pkg, "spec", spec.toString());
        StringBuilder named = new StringBuilder();
        named.append("    /** The subcommand of {@code PhotoCommand.SUBCOMMANDS} that {@code word} names, or {@code null}. */\n");
        named.append("    public static Class<?> subcommandNamed(String word) {\n");
        named.append("        return switch (word) {\n");
        for (Class<?> type : PhotoCommand.SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            List<String> words = new ArrayList<>();
            words.add(command.name());
            words.addAll(List.of(command.aliases()));
            named.append("            case ").append(literals(words.toArray(String[]::new))).append(" -> ")
                    .append(classLiteral(type)).append(";\n");
        }
        named.append("            default -> null;\n        };\n    }\n");
        method(pkg, "subcommandNamed", named.toString());
    }

    private void mixin(Class<?> type) {
        String pkg = type.getPackageName();
        if (methods.getOrDefault(pkg, Map.of()).containsKey(methodName(type))) {
            return;
        }
        CommandSpec spec = CommandSpec.forAnnotatedObject(newInstance(type));
        for (Field field : fields(type)) {
            if (field.isAnnotationPresent(CommandLine.Spec.class) || field.isAnnotationPresent(CommandLine.Mixin.class)) {
                throw unsupported(type, "@Spec or @Mixin in a mixin");
            }
        }
        if (type.isAnnotationPresent(Command.class)) {
            throw unsupported(type, "@Command on a mixin");
        }
        StringBuilder b = new StringBuilder();
        String name = simpleName(type);
        b.append("    /** The mixin picocli builds from the annotations of {@link ").append(name).append("}. */\n");
        b.append("    public static CommandSpec ").append(methodName(type)).append("(").append(name)
                .append(" target) {\n");
        b.append("        CommandSpec spec = CommandSpec.wrapWithoutInspection(target);\n");
        members(spec, type, "target", b);
        b.append("        return spec;\n    }\n");
        method(pkg, methodName(type), b.toString());
    }

    private void method(String pkg, String name, String text) {
        methods.computeIfAbsent(pkg, p -> new LinkedHashMap<>()).put(name, text);
    }

    private static void commandAttributes(CommandSpec spec, Class<?> type, StringBuilder b) {
        CommandSpec plain = CommandSpec.create();
        if (spec.name() != null) {
            b.append("        spec.name(").append(literal(spec.name())).append(");\n");
        }
        if (spec.aliases().length > 0) {
            b.append("        spec.aliases(").append(literals(spec.aliases())).append(");\n");
        }
        if (spec.versionProvider() != null) {
            b.append("        spec.versionProvider(new ").append(spec.versionProvider().getClass().getName())
                    .append("());\n");
        }
        if (spec.versionProvider() == null && spec.version().length > 0) {
            b.append("        spec.version(").append(literals(spec.version())).append(");\n");
        }
        if (spec.isAddMethodSubcommands() != plain.isAddMethodSubcommands()) {
            b.append("        spec.setAddMethodSubcommands(").append(spec.isAddMethodSubcommands()).append(");\n");
        }
        if (spec.helpCommand()) {
            b.append("        spec.helpCommand(true);\n");
        }
        Map<String, Boolean> refused = new LinkedHashMap<>();
        refused.put("subcommandsRepeatable", spec.subcommandsRepeatable());
        refused.put("defaultValueProvider", !sameKind(spec.defaultValueProvider(), plain.defaultValueProvider()));
        refused.put("modelTransformer", !sameKind(spec.modelTransformer(), plain.modelTransformer()));
        refused.put("preprocessor", !sameKind(spec.preprocessor(), plain.preprocessor()));
        refused.put("scope", spec.scopeType() != plain.scopeType());
        refused.put("exitCodeOnSuccess", spec.exitCodeOnSuccess() != plain.exitCodeOnSuccess());
        refused.put("exitCodeOnUsageHelp", spec.exitCodeOnUsageHelp() != plain.exitCodeOnUsageHelp());
        refused.put("exitCodeOnVersionHelp", spec.exitCodeOnVersionHelp() != plain.exitCodeOnVersionHelp());
        refused.put("exitCodeOnInvalidInput", spec.exitCodeOnInvalidInput() != plain.exitCodeOnInvalidInput());
        refused.put("exitCodeOnExecutionException",
                spec.exitCodeOnExecutionException() != plain.exitCodeOnExecutionException());
        refused.put("interpolateVariables", spec.interpolateVariables() != plain.interpolateVariables());
        refused.put("resourceBundle", spec.resourceBundleBaseName() != null);
        refused.put("argument groups", !spec.argGroups().isEmpty());
        refused.put("unmatched arguments", !spec.unmatchedArgsBindings().isEmpty());
        refused.put("separator", !spec.parser().separator().equals(plain.parser().separator()));
        for (Map.Entry<String, Boolean> attribute : refused.entrySet()) {
            if (attribute.getValue()) {
                throw unsupported(type, "the @Command attribute " + attribute.getKey());
            }
        }
        usage(spec.usageMessage(), plain.usageMessage(), b);
    }

    private static void usage(UsageMessageSpec usage, UsageMessageSpec plain, StringBuilder b) {
        Map<String, Object[]> values = new LinkedHashMap<>();
        values.put("description", new Object[] {usage.description(), plain.description()});
        values.put("header", new Object[] {usage.header(), plain.header()});
        values.put("footer", new Object[] {usage.footer(), plain.footer()});
        values.put("customSynopsis", new Object[] {usage.customSynopsis(), plain.customSynopsis()});
        values.put("headerHeading", new Object[] {usage.headerHeading(), plain.headerHeading()});
        values.put("synopsisHeading", new Object[] {usage.synopsisHeading(), plain.synopsisHeading()});
        values.put("descriptionHeading", new Object[] {usage.descriptionHeading(), plain.descriptionHeading()});
        values.put("parameterListHeading", new Object[] {usage.parameterListHeading(), plain.parameterListHeading()});
        values.put("optionListHeading", new Object[] {usage.optionListHeading(), plain.optionListHeading()});
        values.put("commandListHeading", new Object[] {usage.commandListHeading(), plain.commandListHeading()});
        values.put("footerHeading", new Object[] {usage.footerHeading(), plain.footerHeading()});
        values.put("exitCodeListHeading", new Object[] {usage.exitCodeListHeading(), plain.exitCodeListHeading()});
        values.put("synopsisSubcommandLabel",
                new Object[] {usage.synopsisSubcommandLabel(), plain.synopsisSubcommandLabel()});
        values.put("abbreviateSynopsis", new Object[] {usage.abbreviateSynopsis(), plain.abbreviateSynopsis()});
        values.put("sortOptions", new Object[] {usage.sortOptions(), plain.sortOptions()});
        values.put("sortSynopsis", new Object[] {usage.sortSynopsis(), plain.sortSynopsis()});
        values.put("showDefaultValues", new Object[] {usage.showDefaultValues(), plain.showDefaultValues()});
        values.put("hidden", new Object[] {usage.hidden(), plain.hidden()});
        values.put("showAtFileInUsageHelp",
                new Object[] {usage.showAtFileInUsageHelp(), plain.showAtFileInUsageHelp()});
        values.put("showEndOfOptionsDelimiterInUsageHelp", new Object[] {
            usage.showEndOfOptionsDelimiterInUsageHelp(), plain.showEndOfOptionsDelimiterInUsageHelp()});
        values.put("autoWidth", new Object[] {usage.autoWidth(), plain.autoWidth()});
        values.put("width", new Object[] {usage.width(), plain.width()});
        values.put("longOptionsMaxWidth", new Object[] {usage.longOptionsMaxWidth(), plain.longOptionsMaxWidth()});
        values.put("requiredOptionMarker",
                new Object[] {usage.requiredOptionMarker(), plain.requiredOptionMarker()});
        for (Map.Entry<String, Object[]> value : values.entrySet()) {
            Object now = value.getValue()[0];
            if (!Objects.deepEquals(now, value.getValue()[1])) {
                b.append("        spec.usageMessage().").append(value.getKey()).append("(").append(literalOf(now))
                        .append(");\n");
            }
        }
        if (!usage.exitCodeList().isEmpty()) {
            throw new IllegalStateException("ModelSource: exitCodeList in @Command is not generated");
        }
    }

    /**
     * The options, positional parameters and mixins of {@code spec} in picocli's order: a mixin where its first
     * option comes, the command's own members in declaration order.
     */
    private void members(CommandSpec spec, Class<?> owner, String target, StringBuilder b) {
        List<String> added = new ArrayList<>();
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            String mixin = mixinOf(spec, arg);
            if (mixin != null) {
                if (!added.contains(mixin)) {
                    added.add(mixin);
                    addMixin(spec, owner, mixin, target, b);
                }
                continue;
            }
            b.append("        spec.add").append(arg.isOption() ? "Option" : "Positional").append("(")
                    .append(arg(arg, owner, target)).append(");\n");
        }
        for (String mixin : spec.mixins().keySet()) {
            if (!added.contains(mixin)) {
                addMixin(spec, owner, mixin, target, b);
            }
        }
    }

    private static String mixinOf(CommandSpec spec, ArgSpec arg) {
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            for (ArgSpec member : mixin.getValue().args()) {
                if (member == arg) {
                    return mixin.getKey();
                }
            }
        }
        return null;
    }

    private void addMixin(CommandSpec spec, Class<?> owner, String name, String target, StringBuilder b) {
        if (name.equals(STANDARD_HELP)) {
            // picocli's own mixin of -h and -V, whose fields are private to picocli: unbound options as it has them
            StringBuilder help = new StringBuilder();
            help.append("    /** The {@code --help} and {@code --version} of {@code mixinStandardHelpOptions}. */\n");
            help.append("    private static CommandSpec standardHelpOptions() {\n");
            help.append("        CommandSpec spec = CommandSpec.create();\n");
            for (OptionSpec option : spec.mixins().get(name).options()) {
                help.append("        spec.addOption(").append(arg(option, null, null)).append(");\n");
            }
            help.append("        return spec;\n    }\n");
            method(owner.getPackageName(), "standardHelpOptions", help.toString());
            b.append("        spec.addMixin(").append(literal(name)).append(", standardHelpOptions());\n");
            return;
        }
        Field field = mixinField(owner, name);
        Class<?> type = field.getType();
        mixin(type);
        String variable = field.getName() + "Mixin";
        b.append("        ").append(type.getName()).append(' ').append(variable).append(" = new ")
                .append(type.getName()).append("();\n");
        b.append("        ").append(target).append('.').append(field.getName()).append(" = ").append(variable)
                .append(";\n");
        String call = type.getPackageName().equals(owner.getPackageName()) ? methodName(type)
                : type.getPackageName() + "." + CLASS + "." + methodName(type);
        b.append("        spec.addMixin(").append(literal(name)).append(", ").append(call).append("(")
                .append(variable).append("));\n");
    }

    private static Field mixinField(Class<?> owner, String name) {
        for (Field field : fields(owner)) {
            CommandLine.Mixin mixin = field.getAnnotation(CommandLine.Mixin.class);
            if (mixin != null && (mixin.name().isEmpty() ? field.getName() : mixin.name()).equals(name)) {
                return field;
            }
        }
        throw unsupported(owner, "mixin " + name + " not on a field");
    }

    /** The builder expression of one option or positional parameter, bound to {@code target}'s member. */
    private String arg(ArgSpec arg, Class<?> owner, String target) {
        StringBuilder b = new StringBuilder();
        Object member = arg.userObject();
        boolean bound = owner != null && member instanceof Member m && m.getDeclaringClass() == owner;
        if (arg instanceof OptionSpec option) {
            OptionSpec.Builder raw = option.toBuilder();
            OptionSpec.Builder plain = OptionSpec.builder("-x");
            b.append("OptionSpec.builder(").append(literals(raw.names())).append(")");
            common(Common.of(raw), Common.of(plain), b);
            flag(b, "usageHelp", raw.usageHelp(), plain.usageHelp());
            flag(b, "versionHelp", raw.versionHelp(), plain.versionHelp());
            flag(b, "help", raw.help(), plain.help());
            flag(b, "negatable", raw.negatable(), plain.negatable());
            text(b, "fallbackValue", raw.fallbackValue(), plain.fallbackValue());
            if (raw.order() != plain.order()) {
                b.append("\n                .order(").append(raw.order()).append(")");
            }
        } else {
            PositionalParamSpec.Builder raw = ((PositionalParamSpec) arg).toBuilder();
            PositionalParamSpec.Builder plain = PositionalParamSpec.builder();
            b.append("PositionalParamSpec.builder()");
            b.append("\n                .index(").append(range(raw.index())).append(")");
            common(Common.of(raw), Common.of(plain), b);
        }
        if (bound) {
            String binding = binding(owner, (Member) member, arg, target);
            b.append("\n                .hasInitialValue(").append(arg.hasInitialValue()).append(")");
            if (member instanceof Field field) {
                b.append("\n                .initialValue(").append(target).append('.').append(field.getName())
                        .append(")");
            }
            b.append("\n                .withToString(").append(literal(arg.toString())).append(")");
            return "bound(" + b + ",\n                " + binding + ").build()";
        } else if (owner == null) {
            if (!Objects.equals(arg.initialValue(), Boolean.FALSE) || arg.typeInfo().getType() != boolean.class) {
                throw new IllegalStateException("ModelSource: unbound option of a type other than boolean: " + arg);
            }
            b.append("\n                .hasInitialValue(").append(arg.hasInitialValue()).append(")")
                    .append("\n                .initialValue(false)")
                    .append("\n                .withToString(").append(literal(arg.toString())).append(")");
            return "holding(" + b + ",\n                false).build()";
        }
        throw unsupported(owner, "an option on a member of another class: " + arg);
    }

    /** What the option and positional builders share (their common base class is not public). */
    private record Common(Class<?> type, Class<?>[] auxiliaryTypes, Range arity, String paramLabel,
                          boolean hideParamSyntax, String[] description, String descriptionKey, boolean required,
                          boolean interactive, boolean echo, String prompt, String splitRegex,
                          String splitRegexSynopsisLabel, boolean hidden, String defaultValue, String mapFallbackValue,
                          CommandLine.Help.Visibility showDefaultValue, CommandLine.ScopeType scopeType,
                          Object[] converters, Object parameterConsumer, Object preprocessor,
                          Iterable<String> completionCandidates) {

        static Common of(OptionSpec.Builder b) {
            return new Common(b.type(), b.auxiliaryTypes(), b.arity(), b.paramLabel(), b.hideParamSyntax(),
                    b.description(), b.descriptionKey(), b.required(), b.interactive(), b.echo(), b.prompt(),
                    b.splitRegex(), b.splitRegexSynopsisLabel(), b.hidden(), b.defaultValue(), b.mapFallbackValue(),
                    b.showDefaultValue(), b.scopeType(), b.converters(), b.parameterConsumer(), b.preprocessor(),
                    b.completionCandidates());
        }

        static Common of(PositionalParamSpec.Builder b) {
            return new Common(b.type(), b.auxiliaryTypes(), b.arity(), b.paramLabel(), b.hideParamSyntax(),
                    b.description(), b.descriptionKey(), b.required(), b.interactive(), b.echo(), b.prompt(),
                    b.splitRegex(), b.splitRegexSynopsisLabel(), b.hidden(), b.defaultValue(), b.mapFallbackValue(),
                    b.showDefaultValue(), b.scopeType(), b.converters(), b.parameterConsumer(), b.preprocessor(),
                    b.completionCandidates());
        }
    }

    private static void common(Common raw, Common plain, StringBuilder b) {
        b.append("\n                .type(").append(classLiteral(raw.type())).append(")");
        if (raw.auxiliaryTypes() != null && raw.auxiliaryTypes().length > 0) {
            StringBuilder types = new StringBuilder();
            for (Class<?> type : raw.auxiliaryTypes()) {
                types.append(types.length() == 0 ? "" : ", ").append(classLiteral(type));
            }
            b.append("\n                .auxiliaryTypes(").append(types).append(")");
        }
        b.append("\n                .arity(").append(range(raw.arity())).append(")");
        text(b, "paramLabel", raw.paramLabel(), plain.paramLabel());
        flag(b, "hideParamSyntax", raw.hideParamSyntax(), plain.hideParamSyntax());
        if (!Arrays.equals(raw.description(), plain.description())) {
            b.append("\n                .description(").append(literals(raw.description())).append(")");
        }
        text(b, "descriptionKey", raw.descriptionKey(), plain.descriptionKey());
        flag(b, "required", raw.required(), plain.required());
        flag(b, "interactive", raw.interactive(), plain.interactive());
        flag(b, "echo", raw.echo(), plain.echo());
        text(b, "prompt", raw.prompt(), plain.prompt());
        text(b, "splitRegex", raw.splitRegex(), plain.splitRegex());
        text(b, "splitRegexSynopsisLabel", raw.splitRegexSynopsisLabel(), plain.splitRegexSynopsisLabel());
        flag(b, "hidden", raw.hidden(), plain.hidden());
        text(b, "defaultValue", raw.defaultValue(), plain.defaultValue());
        text(b, "mapFallbackValue", raw.mapFallbackValue(), plain.mapFallbackValue());
        if (raw.showDefaultValue() != plain.showDefaultValue()) {
            b.append("\n                .showDefaultValue(CommandLine.Help.Visibility.").append(raw.showDefaultValue())
                    .append(")");
        }
        if (raw.scopeType() != plain.scopeType()) {
            b.append("\n                .scopeType(CommandLine.ScopeType.").append(raw.scopeType()).append(")");
        }
        if ((raw.converters() != null && raw.converters().length > 0)
                || !sameKind(raw.parameterConsumer(), plain.parameterConsumer())
                || !sameKind(raw.preprocessor(), plain.preprocessor())
                || (raw.completionCandidates() != null && !raw.type().isEnum())) {
            throw new IllegalStateException("ModelSource: a converter, parameter consumer, preprocessor or completion"
                    + " candidates of " + raw + " are not generated");
        }
    }

    /** A binding object for {@code member}: the getter, setter and user object of one option. */
    private String binding(Class<?> owner, Member member, ArgSpec arg, String target) {
        String pkg = owner.getPackageName();
        Map<String, String> members = bindings.computeIfAbsent(pkg + "." + simpleName(owner),
                k -> new LinkedHashMap<>());
        String kind = member instanceof Method ? "method" : "field";
        members.put(member.getName(), kind + ":" + typeName(arg));
        int index = new ArrayList<>(members.keySet()).indexOf(member.getName());
        EnvironmentVariable variable = ((AnnotatedElement) member).getAnnotation(EnvironmentVariable.class);
        return "new " + simpleName(owner) + "Member(" + target + ", "
                + index + ", " + literal(member.getName()) + ", "
                + (variable == null ? "null" : literal(variable.value())) + ")";
    }

    private static String typeName(ArgSpec arg) {
        Class<?> type = arg.type();
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "boolean" -> "Boolean";
                case "int" -> "Integer";
                case "long" -> "Long";
                case "double" -> "Double";
                default -> throw new IllegalStateException("ModelSource: primitive " + type + " of " + arg);
            };
        }
        if (type.isArray() || type.getTypeParameters().length > 0) {
            throw new IllegalStateException("ModelSource: an option of a generic or array type: " + arg);
        }
        return type.getName().replace('$', '.');
    }

    private String file(String pkg) {
        StringBuilder b = new StringBuilder();
        b.append("// Generated by dev.photo.cli.model.ModelSource from the commands' annotations: do not edit.\n");
        b.append("// Regenerate with packaging/regenerate-docs.sh; GeneratedFilesTest fails until then.\n");
        b.append("package ").append(pkg).append(";\n\n");
        b.append("import dev.photo.cli.CliContext;\n");
        b.append("import dev.photo.cli.model.BoundMember;\n");
        b.append("import picocli.CommandLine;\n");
        b.append("import picocli.CommandLine.Model.CommandSpec;\n");
        b.append("import picocli.CommandLine.Model.OptionSpec;\n");
        b.append("import picocli.CommandLine.Model.PositionalParamSpec;\n");
        b.append("import picocli.CommandLine.Range;\n\n");
        b.append("import static dev.photo.cli.model.BoundMember.bound;\n");
        b.append("import static dev.photo.cli.model.BoundMember.holding;\n\n");
        b.append("/**\n * The command models of this package built with picocli's programmatic API, the same as picocli"
                + " reads from\n * the annotations (GeneratedModelTest), without the annotation reflection that would"
                + " cost every start.\n */\n");
        b.append("@SuppressWarnings(\"unused\")\n");
        b.append("public final class ").append(CLASS).append(" {\n\n");
        b.append("    private ").append(CLASS).append("() {\n    }\n");
        for (String method : methods.get(pkg).values()) {
            b.append('\n').append(method);
        }
        for (Map.Entry<String, Map<String, String>> owner : bindings.entrySet()) {
            String className = owner.getKey();
            if (!className.substring(0, className.lastIndexOf('.')).equals(pkg)) {
                continue;
            }
            b.append('\n').append(bindingClass(className.substring(className.lastIndexOf('.') + 1),
                    owner.getValue()));
        }
        return b.append("}\n").toString();
    }

    private static String bindingClass(String owner, Map<String, String> members) {
        StringBuilder b = new StringBuilder();
        String name = owner + "Member";
        b.append("    /** Reads and sets the option members of {@link ").append(owner).append("} without reflection. */\n");
        b.append("    private static final class ").append(name).append(" extends BoundMember<").append(owner)
                .append("> {\n\n");
        b.append("        ").append(name).append("(").append(owner)
                .append(" target, int member, String name, String variable) {\n");
        b.append("            super(").append(owner).append(".class, target, member, name, variable);\n        }\n\n");
        b.append("        @Override\n        protected Object read() {\n            return switch (member) {\n");
        List<Map.Entry<String, String>> entries = new ArrayList<>(members.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            boolean method = entries.get(i).getValue().startsWith("method:");
            b.append("                case ").append(i).append(" -> ")
                    .append(method ? "lastSet()" : "target." + entries.get(i).getKey()).append(";\n");
        }
        b.append("                default -> throw new IllegalStateException(\"no member \" + member);\n");
        b.append("            };\n        }\n\n");
        b.append("        @Override\n        protected void write(Object value) {\n            switch (member) {\n");
        for (int i = 0; i < entries.size(); i++) {
            String[] kind = entries.get(i).getValue().split(":", 2);
            String member = entries.get(i).getKey();
            if (kind[0].equals("method")) {
                b.append("                case ").append(i).append(" -> target.").append(member).append("((")
                        .append(kind[1]).append(") value);\n");
            } else {
                b.append("                case ").append(i).append(" -> target.").append(member).append(" = (")
                        .append(kind[1]).append(") value;\n");
            }
        }
        b.append("                default -> throw new IllegalStateException(\"no member \" + member);\n");
        b.append("            }\n        }\n");
        return b.append("    }\n").toString();
    }

    // --- small helpers of the generator

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(0, Arrays.asList(c.getDeclaredFields()));
        }
        return fields;
    }

    private static boolean hasContextConstructor(Class<?> type) {
        try {
            type.getDeclaredConstructor(CliContext.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ModelSource: cannot create " + type, e);
        }
    }

    private static String methodName(Class<?> type) {
        String name = type.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static String simpleName(Class<?> type) {
        return type.getSimpleName();
    }

    private static IllegalStateException unsupported(Class<?> type, String what) {
        return new IllegalStateException("ModelSource: " + type.getName() + " has " + what
                + ", which the generated model does not reproduce");
    }

    /** Both null, or objects of one class: picocli's no-op defaults, which it makes afresh for each model. */
    private static boolean sameKind(Object a, Object b) {
        if (noOp(a) && noOp(b)) {
            return true;
        }
        return a == null ? b == null : b != null && a.getClass() == b.getClass();
    }

    /** Nothing set, or one of picocli's do-nothing defaults (an annotation model has those where a built one has null). */
    static boolean noOp(Object value) {
        return value == null || value.getClass().getName().startsWith("picocli.CommandLine$NoOp")
                || value.getClass().getName().startsWith("picocli.CommandLine$Null");
    }

    private static void flag(StringBuilder b, String name, boolean value, boolean plain) {
        if (value != plain) {
            b.append("\n                .").append(name).append("(").append(value).append(")");
        }
    }

    private static void text(StringBuilder b, String name, String value, String plain) {
        if (!Objects.equals(value, plain)) {
            b.append("\n                .").append(name).append("(").append(literal(value)).append(")");
        }
    }

    private static String range(Range range) {
        return "new Range(" + range.min() + ", " + range.max() + ", " + range.isVariable() + ", "
                + range.isUnspecified() + ", " + literal(range.originalValue()) + ")";
    }

    private static String classLiteral(Class<?> type) {
        return (type.isPrimitive() ? type.getName() : type.getName().replace('$', '.')) + ".class";
    }

    private static String literalOf(Object value) {
        if (value instanceof String[] strings) {
            return literals(strings);
        }
        if (value instanceof String string) {
            return literal(string);
        }
        if (value instanceof Character c) {
            return "'" + (c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c)) + "'";
        }
        return String.valueOf(value);
    }

    private static String literals(String[] values) {
        StringBuilder b = new StringBuilder();
        for (String value : values) {
            b.append(b.length() == 0 ? "" : ", ").append(literal(value));
        }
        return b.toString();
    }

    static String literal(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
