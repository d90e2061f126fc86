package dev.photo.cli.config;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Option values from {@code PHOTO_*} environment variables, for CI: the command line beats the environment, the
 * environment beats the option's default. One rule names every option's variable, so that options added later are
 * covered without a list to keep:
 * <ul>
 *   <li>a global option (one every command inherits) is {@code PHOTO_<OPTION>}: {@code --profile} is
 *       {@code PHOTO_PROFILE}, {@code --debug} is {@code PHOTO_DEBUG};</li>
 *   <li>an option a command declares itself is {@code PHOTO_<COMMAND>_<OPTION>}, the command being its words after
 *       {@code photo}: {@code photo upload --album} is {@code PHOTO_UPLOAD_ALBUM}, {@code photo admin users list
 *       --limit} is {@code PHOTO_ADMIN_USERS_LIST_LIMIT}. Never the bare name: {@code --all} or {@code --yes} set
 *       for one command must not reach another;</li>
 *   <li>an option several commands share through a mixin ({@code --output}, {@code --parallel}) means the same
 *       everywhere, so it is {@code PHOTO_<COMMAND>_<OPTION>} and, less specific, {@code PHOTO_<OPTION>}: with
 *       {@code PHOTO_OUTPUT=json} and {@code PHOTO_LIST_OUTPUT=plain}, {@code photo list} prints plain.</li>
 * </ul>
 * {@code <OPTION>} is the option's longest name without its dashes, upper case, {@code -} as {@code _}. An empty
 * variable counts as unset. {@link EnvironmentVariable} keeps the name an option had before this rule.
 * Positional parameters, {@code --help}, {@code --version} and interactive (secret) options take nothing from the
 * environment; passwords come from {@code --password-stdin}, a prompt, or {@code $PHOTO_PASSWORD} read by
 * {@code photo login} alone.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    private static final String PREFIX = "PHOTO_";

    private final Map<String, String> env;
    /** Which variable gave each option its value in this run, to name it when the value is refused. */
    private final Map<ArgSpec, String> supplied = new IdentityHashMap<>();

    public EnvironmentDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option)) {
            return null;
        }
        for (String variable : variables(option)) {
            String value = env.get(variable);
            if (value != null && !value.isEmpty()) {
                synchronized (supplied) {
                    supplied.put(arg, variable);
                }
                return value;
            }
        }
        // picocli then falls back to the option's own default
        return null;
    }

    /**
     * The variables {@code option} is read from, most specific first; empty for the options that take nothing from
     * the environment.
     */
    public static List<String> variables(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp() || option.interactive()) {
            return List.of();
        }
        String explicit = explicitVariable(option);
        if (explicit != null) {
            return List.of(explicit);
        }
        String name = name(option.longestName());
        CommandSpec command = option.command();
        if (command == null || option.scopeType() == ScopeType.INHERIT || command.parent() == null) {
            return List.of(PREFIX + name);
        }
        String specific = PREFIX + commandPath(command) + "_" + name;
        return fromMixin(option) ? List.of(specific, PREFIX + name) : List.of(specific);
    }

    /**
     * The variable behind a refused value, when that value came from the environment and not from the command line;
     * {@code null} otherwise.
     */
    public String variableBehind(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (arg == null) {
            return null;
        }
        return variableBehind(arg, e.getValue());
    }

    /**
     * The variable that gave {@code arg} its value {@code value} in this run, or {@code null} when the value did not
     * come from the environment.
     */
    public String variableBehind(ArgSpec arg, String value) {
        String variable;
        synchronized (supplied) {
            variable = supplied.get(arg);
        }
        if (variable == null || (value != null && !Objects.equals(value, env.get(variable)))) {
            return null;
        }
        return variable;
    }

    /** The options whose value this run took from the environment, with their variables. */
    public Map<ArgSpec, String> suppliedOptions() {
        synchronized (supplied) {
            return Map.copyOf(supplied);
        }
    }

    private static String name(String optionName) {
        return optionName.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String commandPath(CommandSpec command) {
        List<String> words = new ArrayList<>();
        for (CommandSpec c = command; c.parent() != null; c = c.parent()) {
            words.add(0, name(c.name()));
        }
        return String.join("_", words);
    }

    /** Declared by a class other than the command's own: a mixin shared by several commands. */
    private static boolean fromMixin(OptionSpec option) {
        Object element = option.userObject();
        Object command = option.command().userObject();
        if (element instanceof OptionMember member && command != null) {
            return member.declaringClass() != command.getClass();
        }
        if (element instanceof Member member && command != null) {
            return member.getDeclaringClass() != command.getClass();
        }
        return false;
    }

    private static String explicitVariable(OptionSpec option) {
        Object element = option.userObject();
        if (element instanceof OptionMember member) {
            return member.environmentVariable();
        }
        if (element instanceof AnnotatedElement annotated) {
            EnvironmentVariable explicit = annotated.getAnnotation(EnvironmentVariable.class);
            return explicit == null ? null : explicit.value();
        }
        return null;
    }
}
