package dev.photo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A terminal for command tests: interactive (so that progress bars and colours are drawn) and of a given width (0: no
 * limit). What the user types is given: {@code line} at every visible prompt and {@code password} at every hidden
 * one, each {@code null} for end of input; the prompts shown are kept in {@code prompts}, in order.
 */
public record FakeTerminal(int width, String line, String password, List<String> prompts) implements Terminal {

    /** Nobody typing: every prompt reads end of input. */
    public FakeTerminal(int width) {
        this(width, null, null, new ArrayList<>());
    }

    /** An interactive terminal of the default width, with nobody typing. */
    public static FakeTerminal ofDefaultWidth() {
        return new FakeTerminal(0);
    }

    /** The user types {@code line} at each visible prompt; the prompts are added to {@code prompts}. */
    public static FakeTerminal typing(String line, List<String> prompts) {
        return new FakeTerminal(0, line, null, prompts);
    }

    /** The user types {@code password} at each hidden prompt, and nothing at a visible one. */
    public static FakeTerminal typingPassword(String password) {
        return new FakeTerminal(0, null, password, new ArrayList<>());
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        prompts.add(prompt);
        return Optional.ofNullable(line);
    }

    @Override
    public Optional<char[]> readPassword(String prompt) {
        prompts.add(prompt);
        return Optional.ofNullable(password).map(String::toCharArray);
    }
}
