package dev.photo.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalWidthTest {

    @Test
    void an_exported_columns_variable_is_the_width() {
        assertThat(TerminalWidth.of("132").getAsInt()).isEqualTo(132);
        assertThat(TerminalWidth.parse(" 100 ")).isEqualTo(100);
    }

    @Test
    void an_unset_or_unusable_columns_variable_is_no_answer() {
        assertThat(TerminalWidth.parse(null)).isZero();
        assertThat(TerminalWidth.parse("")).isZero();
        assertThat(TerminalWidth.parse("wide")).isZero();
        assertThat(TerminalWidth.parse("-5")).isZero();
        assertThat(TerminalWidth.parse("0")).isZero();
    }

    @Test
    void without_the_variable_the_terminal_is_asked_and_a_usable_width_always_comes_back() {
        // no terminal behind the test run: JLine's dumb terminal answers, or the fallback does
        assertThat(TerminalWidth.of(null).getAsInt()).isPositive();
    }

    @Test
    void no_terminal_means_no_width_limit() {
        assertThat(Terminal.none().width()).isZero();
    }
}
