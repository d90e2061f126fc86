package dev.photo.cli.upload;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void reads_durations_as_people_type_them_and_as_iso() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refuses_what_is_not_a_positive_duration() {
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("not a positive duration");
        assertThatThrownBy(() -> Durations.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writes_them_back_short() {
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofSeconds(5430))).isEqualTo("1h30m30s");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
    }
}
