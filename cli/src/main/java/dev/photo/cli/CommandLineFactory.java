package dev.photo.cli;

import dev.photo.cli.command.PhotoCommand;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.List;

/**
 * Builds the one {@link CommandLine} that {@code main} and the tests run: commands get the {@link CliContext}
 * through their constructor, errors become one {@code photo: error: ...} line and a documented exit code, and
 * stack traces appear only with {@code --debug}.
 */
public final class CommandLineFactory {

    private CommandLineFactory() {
    }

    public static CommandLine create(CliContext context, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(PhotoCommand.class, new ContextFactory(context));
        // one list for photo --help and photo upload --help, so the two cannot tell different stories
        for (CommandLine documented : List.of(commandLine, commandLine.getSubcommands().get("upload"))) {
            documented.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCodes.descriptions());
        }
        return commandLine
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
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
            err.println("photo: error: " + message);
            if (debug) {
                e.printStackTrace(err);
            } else if (!(e instanceof CliException) && code == ExitCodes.ERROR) {
                err.println("(run again with --debug for details)");
            }
            err.flush();
            return code;
        }

        private static boolean debugRequested(ParseResult parseResult) {
            for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
                if (result.hasMatchedOption("--debug")) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class UsageErrorHandler implements IParameterExceptionHandler {

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            CommandLine commandLine = e.getCommandLine();
            PrintWriter err = commandLine.getErr();
            err.println("photo: error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
    }
}
