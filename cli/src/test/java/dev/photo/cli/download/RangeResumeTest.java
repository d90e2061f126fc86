package dev.photo.cli.download;

import org.junit.jupiter.api.Test;

import static dev.photo.cli.download.RangeResume.Action.APPEND;
import static dev.photo.cli.download.RangeResume.Action.COMPLETE;
import static dev.photo.cli.download.RangeResume.Action.RESTART;
import static dev.photo.cli.download.RangeResume.Action.WRITE_FROM_START;
import static org.assertj.core.api.Assertions.assertThat;

class RangeResumeTest {

    @Test
    void a_part_is_continued_from_its_length_only_when_it_can_be_a_prefix_that_is_verified_later() {
        assertThat(RangeResume.startAt(0, 100L, true)).isZero();
        assertThat(RangeResume.startAt(40, 100L, true)).isEqualTo(40);
        assertThat(RangeResume.startAt(100, 100L, true)).isEqualTo(100);
        assertThat(RangeResume.startAt(40, null, true)).isEqualTo(40);
        // longer than the object: not a prefix of it
        assertThat(RangeResume.startAt(101, 100L, true)).isZero();
        // nothing to verify the joined file against (a thumbnail): start again
        assertThat(RangeResume.startAt(40, null, false)).isZero();
    }

    @Test
    void a_206_from_the_offset_asked_appends() {
        assertThat(RangeResume.onAnswer(40, 206, "bytes 40-99/100", 100L)).isEqualTo(APPEND);
        assertThat(RangeResume.onAnswer(40, 206, "bytes 40-99/*", 100L)).isEqualTo(APPEND);
        assertThat(RangeResume.onAnswer(40, 206, "bytes 40-99/100", null)).isEqualTo(APPEND);
    }

    @Test
    void a_206_from_another_offset_or_of_another_size_or_without_content_range_restarts() {
        assertThat(RangeResume.onAnswer(40, 206, "bytes 0-99/100", 100L)).isEqualTo(RESTART);
        assertThat(RangeResume.onAnswer(40, 206, "bytes 40-199/200", 100L)).isEqualTo(RESTART);
        assertThat(RangeResume.onAnswer(40, 206, null, 100L)).isEqualTo(RESTART);
        assertThat(RangeResume.onAnswer(40, 206, "items 40-99/100", 100L)).isEqualTo(RESTART);
    }

    @Test
    void a_200_to_a_range_request_rewrites_the_part_from_the_start() {
        assertThat(RangeResume.onAnswer(40, 200, null, 100L)).isEqualTo(WRITE_FROM_START);
        assertThat(RangeResume.onAnswer(0, 200, null, 100L)).isEqualTo(APPEND);
    }

    @Test
    void a_416_means_complete_only_when_the_part_holds_exactly_the_whole_object() {
        assertThat(RangeResume.onAnswer(100, 416, "bytes */100", 100L)).isEqualTo(COMPLETE);
        assertThat(RangeResume.onAnswer(100, 416, "bytes */100", null)).isEqualTo(COMPLETE);
        assertThat(RangeResume.onAnswer(100, 416, null, null)).isEqualTo(RESTART);
        assertThat(RangeResume.onAnswer(90, 416, "bytes */80", 100L)).isEqualTo(RESTART);
    }
}
