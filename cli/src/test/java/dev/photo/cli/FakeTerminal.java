package dev.photo.cli;

import java.util.Optional;

/**
 * A terminal for command tests: interactive (so that progress bars and colours are drawn) and of a given width, with
 * nobody typing: every prompt reads end of input.
 */
public record FakeTerminal(int width) implements Terminal {

    /** An interactive terminal of the default width. */
    public static FakeTerminal ofDefaultWidth() {
        return new FakeTerminal(0);
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        return Optional.empty();
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        return Optional.empty();
    }
}
