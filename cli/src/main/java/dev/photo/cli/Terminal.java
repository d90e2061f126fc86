package dev.photo.cli;

import java.io.Console;
import java.util.Optional;
import java.util.function.IntSupplier;

/** The interactive terminal, if any: prompts and whether a progress bar makes sense. */
public interface Terminal {

    /** Whether a person is watching: prompts and progress bars are only used then. */
    boolean interactive();

    Optional<String> readLine(String prompt);

    /** Reads without echo. */
    Optional<char[]> readPassword(String prompt);

    /**
     * Columns of the terminal, for tables and progress bars to fit; 0 when there is no limit (no terminal: a pipe,
     * a file, a test).
     */
    default int width() {
        return 0;
    }

    /** The process's console, when there is one. */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return none();
        }
        IntSupplier columns = TerminalWidth.of(System.getenv("COLUMNS"));
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public int width() {
                return columns.getAsInt();
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.ofNullable(console.readLine("%s", prompt));
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return Optional.ofNullable(console.readPassword("%s", prompt));
            }
        };
    }

    /** No terminal: scripts, CI, tests. */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> readPassword(String prompt) {
                return Optional.empty();
            }
        };
    }
}
