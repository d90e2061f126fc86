package dev.photo.backend.core;

import dev.photo.backend.core.MultipartService.DeclaredPart;
import dev.photo.backend.core.MultipartService.Part;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static dev.photo.contract.ApiLimits.MAX_PARTS;
import static dev.photo.contract.ApiLimits.MAX_PART_BYTES;
import static dev.photo.contract.ApiLimits.MIN_PART_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of a part plan, at their edges: these are S3's, so a plan that passes here is one S3 accepts. */
class MultipartPlanTest {

    private static final String SHA = "AB".repeat(32);

    private static DeclaredPart part(long size) {
        return new DeclaredPart(size, SHA);
    }

    private static List<DeclaredPart> parts(long... sizes) {
        return Arrays.stream(sizes).mapToObj(MultipartPlanTest::part).toList();
    }

    private static String codeOf(long size, List<DeclaredPart> parts) {
        try {
            MultipartService.validatePlan(size, parts);
            return "valid";
        } catch (ApiException e) {
            return e.code();
        }
    }

    @Test
    void numbers_the_parts_in_order_and_normalises_their_hashes() {
        List<Part> plan = MultipartService.validatePlan(MIN_PART_BYTES + 1, parts(MIN_PART_BYTES, 1));

        assertThat(plan).containsExactly(new Part(1, MIN_PART_BYTES, SHA.toLowerCase()),
                new Part(2, 1, SHA.toLowerCase()));
    }

    @Test
    void every_part_but_the_last_is_at_least_5_mib() {
        assertThat(codeOf(2 * MIN_PART_BYTES, parts(MIN_PART_BYTES, MIN_PART_BYTES))).isEqualTo("valid");
        assertThat(codeOf(2 * MIN_PART_BYTES - 1, parts(MIN_PART_BYTES - 1, MIN_PART_BYTES)))
                .isEqualTo("part_too_small");
        assertThat(codeOf(MIN_PART_BYTES + 1, parts(MIN_PART_BYTES, 1))).isEqualTo("valid");
        assertThat(codeOf(1, parts(1))).as("a single small part is its own last part").isEqualTo("valid");
    }

    @Test
    void no_part_is_over_5_gib() {
        assertThat(codeOf(MAX_PART_BYTES, parts(MAX_PART_BYTES))).isEqualTo("valid");
        assertThat(codeOf(MAX_PART_BYTES + 1, parts(MAX_PART_BYTES + 1))).isEqualTo("part_too_large");
    }

    @Test
    void at_most_10000_parts() {
        List<DeclaredPart> most = new ArrayList<>(Collections.nCopies(MAX_PARTS - 1, part(MIN_PART_BYTES)));
        most.add(part(1));
        long size = (MAX_PARTS - 1) * MIN_PART_BYTES + 1;
        assertThat(codeOf(size, most)).isEqualTo("valid");

        List<DeclaredPart> tooMany = new ArrayList<>(most);
        tooMany.add(0, part(MIN_PART_BYTES));
        assertThat(codeOf(size + MIN_PART_BYTES, tooMany)).isEqualTo("too_many_parts");
    }

    @Test
    void the_parts_add_up_to_exactly_the_file() {
        assertThat(codeOf(MIN_PART_BYTES + 2, parts(MIN_PART_BYTES, 1))).isEqualTo("parts_size_mismatch");
        assertThat(codeOf(MIN_PART_BYTES, parts(MIN_PART_BYTES, 1))).isEqualTo("parts_size_mismatch");
    }

    @Test
    void each_part_needs_a_size_and_a_hash() {
        assertThat(codeOf(1, List.of())).isEqualTo("invalid_parts");
        assertThat(codeOf(1, Collections.singletonList(null))).isEqualTo("invalid_parts");
        assertThat(codeOf(1, List.of(new DeclaredPart(null, SHA)))).isEqualTo("invalid_parts");
        assertThat(codeOf(1, List.of(new DeclaredPart(0L, SHA)))).isEqualTo("invalid_parts");
        assertThat(codeOf(1, List.of(new DeclaredPart(1L, "not hex")))).isEqualTo("invalid_sha256");
        assertThatThrownBy(() -> MultipartService.validatePlan(1, List.of(new DeclaredPart(1L, null))))
                .hasMessageStartingWith("part 1: ");
    }
}
