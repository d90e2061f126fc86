package dev.photo.cli;

import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.util.function.IntSupplier;

/**
 * The width of the process's terminal: {@code $COLUMNS} when it is exported, else what the terminal says (through
 * JLine, which the progress bar library brings anyway). Asked at most once, and only when something is printed to
 * fit it: opening the terminal costs a few milliseconds that {@code photo --version} need not pay.
 */
final class TerminalWidth {

    /** What tables and bars assume when the terminal will not say. */
    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    static IntSupplier of(String columnsVariable) {
        int fromVariable = parse(columnsVariable);
        if (fromVariable > 0) {
            return () -> fromVariable;
        }
        return new IntSupplier() {
            private int width;

            @Override
            public synchronized int getAsInt() {
                if (width == 0) {
                    width = ask();
                }
                return width;
            }
        };
    }

    /** A positive number of columns, or 0 for an unset or unusable {@code $COLUMNS}. */
    static int parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int columns = Integer.parseInt(value.trim());
            return columns > 0 ? columns : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int ask() {
        try (org.jline.terminal.Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            int columns = terminal.getWidth();
            return columns > 0 ? columns : FALLBACK;
        } catch (IOException | RuntimeException | LinkageError e) {
            // a runtime image without JLine's native parts still prints, at the usual width
            return FALLBACK;
        }
    }
}
