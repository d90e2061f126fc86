package dev.photo.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    private static Table photos() {
        return Table.withColumns("ID", "ALBUM", "NAME", "SIZE")
                .alignRight("SIZE").shrinkable("ALBUM", "NAME").colour("NAME", v -> v.startsWith("x") ? "31" : null)
                .row("01J0000000000000000000001", "summer holidays in the mountains", "IMG_20240701_090000.jpg",
                        Table.bytes(2048L))
                .row("01J0000000000000000000002", "garden", "x.jpg", Table.bytes(null));
    }

    private static List<String> lines(Table table, Table.Layout layout) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out), layout);
        return out.toString().lines().toList();
    }

    @Test
    void without_a_width_nothing_is_shortened() {
        assertThat(lines(photos(), Table.Layout.UNLIMITED)).containsExactly(
                "ID                         ALBUM                             NAME                        SIZE",
                "01J0000000000000000000001  summer holidays in the mountains  IMG_20240701_090000.jpg  2.0 KiB",
                "01J0000000000000000000002  garden                            x.jpg                          -");
    }

    @Test
    void a_narrow_terminal_shortens_the_widest_free_text_column_first_and_never_the_id() {
        List<String> lines = lines(photos(), Table.Layout.table(70, false));

        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(70));
        // the album goes first, down to the name's width; then both lose a character in turn
        assertThat(lines.get(1)).isEqualTo("01J0000000000000000000001  summer holida...  IMG_20240701_...  2.0 KiB");
        assertThat(lines.get(2)).startsWith("01J0000000000000000000002  garden  ");
    }

    @Test
    void a_very_narrow_terminal_shortens_every_free_text_column_down_to_a_floor_and_keeps_ids_whole() {
        List<String> lines = lines(photos(), Table.Layout.table(20, false));

        assertThat(lines.get(1)).isEqualTo("01J0000000000000000000001  summe...  IMG_2...  2.0 KiB");
        assertThat(lines.get(2)).isEqualTo("01J0000000000000000000002  garden    x.jpg           -");
    }

    @Test
    void plain_is_tab_separated_without_header_colour_or_shortening_and_sizes_in_bytes() {
        List<String> lines = lines(photos(), Table.Layout.PLAIN);

        assertThat(lines).containsExactly(
                "01J0000000000000000000001\tsummer holidays in the mountains\tIMG_20240701_090000.jpg\t2048",
                "01J0000000000000000000002\tgarden\tx.jpg\t");
    }

    @Test
    void control_characters_in_values_cannot_break_a_record() {
        Table table = Table.withColumns("A", "B").row("tab\there", "new\nline");

        assertThat(lines(table, Table.Layout.PLAIN)).containsExactly("tab?here\tnew?line");
        assertThat(lines(table, Table.Layout.UNLIMITED)).containsExactly("A         B", "tab?here  new?line");
    }

    @Test
    void colour_only_where_the_layout_allows_it_and_alignment_ignores_the_escapes() {
        List<String> coloured = lines(photos(), Table.Layout.table(0, true));
        List<String> plainText = lines(photos(), Table.Layout.table(0, false));

        assertThat(coloured.get(2)).contains("\u001b[31mx.jpg\u001b[0m");
        assertThat(coloured.get(2).replace("\u001b[31m", "").replace("\u001b[0m", "")).isEqualTo(plainText.get(2));
        assertThat(String.join("\n", plainText)).doesNotContain("\u001b");
        assertThat(String.join("\n", lines(photos(), Table.Layout.PLAIN))).doesNotContain("\u001b");
    }

    @Test
    void status_colours_follow_the_photo_s_state() {
        assertThat(Table.statusColour("READY")).isEqualTo("32");
        assertThat(Table.statusColour("rejected")).isEqualTo("31");
        assertThat(Table.statusColour("REJECTED: not an image")).isEqualTo("31");
        assertThat(Table.statusColour("pending")).isEqualTo("33");
        assertThat(Table.statusColour("duplicate")).isNull();
    }
}
