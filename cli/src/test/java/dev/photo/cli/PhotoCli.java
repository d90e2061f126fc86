package dev.photo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code photo} in-process, the way {@code main} does, capturing both streams. */
public record PhotoCli(CliContext context) {

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(context, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    public Result runAndEnsureExitCodeOk(String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as("photo %s\n%s", String.join(" ", args), result).isEqualTo(ExitCodes.OK);
        return result;
    }

    public Result runAndExpect(int exitCode, String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as("photo %s\n%s", String.join(" ", args), result).isEqualTo(exitCode);
        return result;
    }

    public PhotoCli with(CliContext other) {
        return new PhotoCli(other);
    }
}
