package dev.photo.cli;

import dev.photo.cli.command.GeneratedModels;
import dev.photo.cli.command.PhotoCommand;
import dev.photo.cli.config.EnvironmentDefaults;
import dev.photo.cli.output.EnvironmentHelp;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Set;

/**
 * Builds the one {@link CommandLine} that {@code main} and the tests run: commands get the {@link CliContext}
 * through their constructor, errors become one {@code photo: error: ...} line and a documented exit code, and
 * stack traces appear only with {@code --debug}.
 */
public final class CommandLineFactory {

    /**
     * The global options that take their value as the next word; a word after one of them is not a command name.
     * One missing here only costs time: its value is then taken for an unknown command, and the whole tree is built.
     */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--profile", "--data-dir");

    private CommandLineFactory() {
    }

    /** The whole command tree: for help, completion scripts and man pages. */
    public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
        return create(context, out, err, PhotoCommand.SUBCOMMANDS);
    }

    /**
     * The tree that running {@code args} needs: the root and only the subcommand they name, or every subcommand
     * when they ask for help, name none that exists, or cannot be read without the whole tree. Building a
     * command's model is reflection over its classes; sparing the others is most of what {@code photo --version}
     * and {@code photo list} cost at start.
     */
    public static CommandLine forArguments(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        return create(context, out, err, subcommandsFor(args));
    }

    static List<Class<?>> subcommandsFor(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.equals("-h") || arg.equals("--help") || arg.equals("--")) {
                return PhotoCommand.SUBCOMMANDS;
            } else if (!arg.startsWith("-")) {
                Class<?> named = subcommandNamed(arg);
                return named == null || named == HelpCommand.class ? PhotoCommand.SUBCOMMANDS : List.of(named);
            }
        }
        // no command named: --version, or a usage error that lists no commands
        return List.of();
    }

    private static Class<?> subcommandNamed(String word) {
        // generated from the @Command annotations, which reading here would cost a proxy class per annotation type
        return GeneratedModels.subcommandNamed(word);
    }

    /**
     * The whole command tree as picocli reads it from the annotations alone, without the generated models: what
     * those are generated from and compared with.
     */
    public static CommandLine createFromAnnotations(CliContext context, PrintWriter out, PrintWriter err) {
        return create(context, out, err, PhotoCommand.SUBCOMMANDS, false);
    }

    /** What {@link #forArguments} builds for {@code args}, read from the annotations alone. */
    public static CommandLine fromAnnotationsForArguments(CliContext context, PrintWriter out, PrintWriter err,
                                                          String... args) {
        return create(context, out, err, subcommandsFor(args), false);
    }

    /** The model picocli reads from the annotations of the one command {@code type}, with no parent. */
    public static CommandSpec annotatedSpec(CliContext context, Class<?> type) {
        return new CommandLine(type, new ContextFactory(context)).getCommandSpec();
    }

    private static CommandLine create(CliContext context, PrintWriter out, PrintWriter err,
                                      List<Class<?>> subcommands) {
        return create(context, out, err, subcommands, true);
    }

    private static CommandLine create(CliContext context, PrintWriter out, PrintWriter err,
                                      List<Class<?>> subcommands, boolean generated) {
        ContextFactory factory = new ContextFactory(context);
        // the root and the commands started most are built from models generated from their annotations
        // (ModelSource): reading the annotations was most of a short command's model time
        CommandLine commandLine = generated ? new CommandLine(GeneratedModels.photoCommand(context), factory)
                : new CommandLine(PhotoCommand.class, factory);
        for (Class<?> type : subcommands) {
            CommandSpec spec = generated ? GeneratedModels.spec(type, context) : null;
            commandLine.addSubcommand(spec != null ? new CommandLine(spec, factory) : new CommandLine(type, factory));
        }
        // one list for photo --help and photo upload --help, so the two cannot tell different stories
        for (CommandLine documented : new CommandLine[] {commandLine, commandLine.getSubcommands().get("upload")}) {
            if (documented != null) {
                documented.getCommandSpec().usageMessage()
                        .exitCodeListHeading("%nExit codes:%n")
                        .exitCodeList(ExitCodes.descriptions());
            }
        }
        return commandLine
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // PHOTO_* variables between the command line and the defaults; help shows each option's variable
                .setDefaultValueProvider(new EnvironmentDefaults(context.env()))
                .setHelpFactory(new EnvironmentHelp())
                .setColorScheme(Help.defaultColorScheme(context.colour() ? Help.Ansi.AUTO : Help.Ansi.OFF))
                // "--profile local" must work although "local" is also a command name
                .setAllowSubcommandsAsOptionParameters(true)
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(new UsageErrorHandler());
    }

    /** Instantiates commands with a {@code (CliContext)} constructor when they have one. */
    private static final class ContextFactory implements IFactory {

        private final CliContext context;

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    private static final class ErrorHandler implements IExecutionExceptionHandler {

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            PrintWriter err = commandLine.getErr();
            int code;
            String message;
            if (e instanceof CliException cli) {
                code = cli.exitCode();
                message = cli.getMessage();
            } else if (e instanceof InterruptedException) {
                code = ExitCodes.INTERRUPTED;
                message = "interrupted";
            } else if (e instanceof IOException || e instanceof UncheckedIOException) {
                code = ExitCodes.ERROR;
                message = e.getMessage();
            } else {
                code = ExitCodes.ERROR;
                message = "unexpected " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            boolean debug = debugRequested(parseResult);
            err.println("photo: error: " + message + fromEnvironment(commandLine, message));
            if (debug) {
                e.printStackTrace(err);
            } else if (!(e instanceof CliException) && code == ExitCodes.ERROR) {
                err.println("(run again with --debug for details)");
            }
            err.flush();
            return code;
        }

        private static boolean debugRequested(ParseResult parseResult) {
            // PHOTO_DEBUG=true sets the option without matching it
            if (parseResult != null && parseResult.commandSpec().root().userObject() instanceof PhotoCommand photo
                    && photo.global() != null && photo.global().debug()) {
                return true;
            }
            for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
                if (result.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code " (from $PHOTO_UPLOAD_PARALLEL)"} when the message names an option whose value came from the
     * environment, so that a range check done by the command still points at the variable to fix.
     */
    private static String fromEnvironment(CommandLine commandLine, String message) {
        if (message == null || !(commandLine.getDefaultValueProvider() instanceof EnvironmentDefaults env)) {
            return "";
        }
        for (var entry : env.suppliedOptions().entrySet()) {
            if (entry.getKey() instanceof CommandLine.Model.OptionSpec option
                    && option.command() == commandLine.getCommandSpec()
                    && !commandLine.getParseResult().hasMatchedOption(option)
                    && message.contains(option.longestName())) {
                return " (from $" + entry.getValue() + ")";
            }
        }
        return "";
    }

    private static final class UsageErrorHandler implements IParameterExceptionHandler {

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine commandLine = e.getCommandLine();
            PrintWriter err = commandLine.getErr();
            String variable = commandLine.getDefaultValueProvider() instanceof EnvironmentDefaults env
                    ? env.variableBehind(e) : null;
            err.println("photo: error: " + (variable == null ? "" : "$" + variable + ": ") + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
