package dev.photo.cli;

import dev.photo.cli.client.Http;
import dev.photo.cli.command.VersionProvider;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;

/** The {@code photo} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // picocli looks for Groovy's Closure class on first use; the lookup misses and so opens every jar on the
        // class path (over 150 in the package), which was half of what `photo --version` spent in Java code
        System.setProperty("picocli.disable.closures", "true");
        Http.configureJdk();
        Charset charset = System.console() != null ? System.console().charset() : Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        if (!versionAlone(args)) {
            Warmup.startInBackground();
        }
        System.exit(run(out, err, args));
    }

    /** Runs one command line with this process's environment; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        if (versionAlone(args)) {
            // before the context too: the system terminal and directories are not needed to print a version
            return printVersion(out);
        }
        return run(CliContext.system(), out, err, args);
    }

    /** Runs one command line with the given environment (config directory resolved from it); for tests. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return run(CliContext.fromEnvironment(env), out, err, args);
    }

    /** Runs one command line in {@code context}; returns the exit code. */
    public static int run(CliContext context, PrintWriter out, PrintWriter err, String... args) {
        try {
            if (versionAlone(args)) {
                return printVersion(out);
            }
            return CommandLineFactory.forArguments(context, out, err, args).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean versionAlone(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /**
     * What picocli prints for {@code --version}, without the reflection over the command classes that building the
     * model costs (most of the start time left once the JVM is up; docs/benchmarks.md).
     */
    private static int printVersion(PrintWriter out) {
        for (String line : new VersionProvider().getVersion()) {
            out.println(line);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
