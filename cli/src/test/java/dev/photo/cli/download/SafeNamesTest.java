package dev.photo.cli.download;

import dev.photo.contract.PhotoInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTest {

    private static String safe(String stored) {
        return SafeNames.original(stored, "0190c6a4-0000-7000-8000-000000000001", "image/jpeg");
    }

    @Test
    void path_traversal_keeps_only_the_last_segment() {
        assertThat(safe("../../etc/passwd")).isEqualTo("passwd");
        assertThat(safe("a/b")).isEqualTo("b");
        assertThat(safe("..\\..\\Windows\\win.ini")).isEqualTo("win.ini");
        assertThat(safe("/absolute/IMG_1.jpg")).isEqualTo("IMG_1.jpg");
    }

    @Test
    void names_with_nothing_usable_left_fall_back_to_the_photo_id_with_an_extension_from_the_type() {
        assertThat(safe("..")).isEqualTo("0190c6a4-0000-7000-8000-000000000001.jpg");
        assertThat(safe("a/..")).isEqualTo("0190c6a4-0000-7000-8000-000000000001.jpg");
        assertThat(safe("dir/")).isEqualTo("0190c6a4-0000-7000-8000-000000000001.jpg");
        assertThat(safe(null)).isEqualTo("0190c6a4-0000-7000-8000-000000000001.jpg");
        assertThat(safe("\u0000\u0001")).isEqualTo("0190c6a4-0000-7000-8000-000000000001.jpg");
        assertThat(SafeNames.original("...", "../x", "image/png")).isEqualTo("_._x.png");
    }

    @Test
    void nul_control_and_invisible_formatting_characters_are_removed() {
        assertThat(safe("a\u0000b\nc\r\t.jpg")).isEqualTo("abc.jpg");
        assertThat(safe("\u001b[31mred.jpg")).isEqualTo("[31mred.jpg");
        // a right-to-left override would show "evil\u202Egpj.exe" as "evilexe.jpg"
        assertThat(safe("evil\u202Egpj.exe")).isEqualTo("evilgpj.exe");
        assertThat(safe("zero\u200Bwidth.jpg")).isEqualTo("zerowidth.jpg");
        assertThat(safe("line\u2028break.jpg")).isEqualTo("linebreak.jpg");
    }

    @Test
    void windows_reserved_characters_become_underscores() {
        assertThat(safe("C:x.jpg")).isEqualTo("C_x.jpg");
        assertThat(safe("what?<is>*this|\".jpg")).isEqualTo("what__is__this__.jpg");
    }

    @Test
    void windows_device_names_are_prefixed_whatever_their_case_or_extension() {
        assertThat(safe("CON")).isEqualTo("_CON");
        assertThat(safe("con.jpg")).isEqualTo("_con.jpg");
        assertThat(safe("Lpt1.tar.gz")).isEqualTo("_Lpt1.tar.gz");
        assertThat(safe("nul .jpg")).isEqualTo("_nul .jpg");
        assertThat(safe("COM²")).isEqualTo("_COM²");
        assertThat(safe("CONSOLE.jpg")).isEqualTo("CONSOLE.jpg");
        assertThat(safe("COM10.jpg")).isEqualTo("COM10.jpg");
    }

    @Test
    void no_hidden_files_and_no_trailing_dots_or_spaces() {
        assertThat(safe(".bashrc")).isEqualTo("_bashrc");
        assertThat(safe("photo.jpg. . ")).isEqualTo("photo.jpg");
        assertThat(safe("  spaced.jpg  ")).isEqualTo("spaced.jpg");
    }

    @Test
    void very_long_names_are_cut_to_the_byte_limit_keeping_the_extension_and_whole_characters() {
        String cut = safe("a".repeat(300) + ".jpeg");
        assertThat(cut).endsWith(".jpeg").startsWith("aaa");
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(SafeNames.MAX_BYTES);

        // three bytes each in UTF-8: a cut must not split one
        String japanese = safe("写".repeat(150) + ".jpg");
        assertThat(japanese.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SafeNames.MAX_BYTES);
        assertThat(japanese).matches("写+\\.jpg");
        // emoji are two UTF-16 units: no half of one is left
        String emoji = safe("😀".repeat(80) + ".jpg");
        assertThat(emoji.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE).count())
                .isZero();
        assertThat(emoji).matches("(😀)+\\.jpg");
    }

    @Test
    void names_are_unicode_nfc_so_that_decomposed_and_composed_forms_are_one_name() {
        String decomposed = "Cafe\u0301.jpg";
        assertThat(safe(decomposed)).isEqualTo("Caf\u00e9.jpg");
        assertThat(SafeNames.collisionKey("CAF\u00c9.JPG")).isEqualTo(SafeNames.collisionKey(safe(decomposed)));
    }

    @Test
    void thumbnails_have_names_no_original_can_have() {
        assertThat(SafeNames.thumbnail("IMG_1.heic", 256)).isEqualTo("IMG_1.thumb256.jpg");
        assertThat(SafeNames.thumbnail("noext", 1024)).isEqualTo("noext.thumb1024.jpg");
        // an original named like a thumbnail is renamed, so its thumbnail run cannot meet it
        assertThat(safe("IMG_1.thumb256.jpg")).isEqualTo("IMG_1_thumb256.jpg");
        assertThat(safe("x.THUMB1024.JPEG")).isEqualTo("x_THUMB1024.JPEG");
        assertThat(safe("x.thumb256")).isEqualTo("x_thumb256");
    }

    @Test
    void numbered_names_keep_the_extension_and_the_thumbnail_marker() {
        assertThat(SafeNames.numbered("IMG_1.jpg", 2)).isEqualTo("IMG_1 (2).jpg");
        assertThat(SafeNames.numbered("noext", 3)).isEqualTo("noext (3)");
        assertThat(SafeNames.numbered("IMG_1.thumb256.jpg", 2)).isEqualTo("IMG_1 (2).thumb256.jpg");
        String longest = safe("b".repeat(400) + ".jpg");
        assertThat(SafeNames.numbered(longest, 12).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(SafeNames.MAX_BYTES);
        assertThat(SafeNames.numbered(longest, 12)).endsWith(" (12).jpg");
    }

    @Test
    void same_names_in_one_run_are_numbered_in_upload_order_whatever_the_case_or_normalisation() {
        List<DownloadItem> items = NamePlan.assign(List.of(
                photo("03", "café.jpg"), photo("01", "Cafe\u0301.jpg"), photo("02", "CAFÉ.JPG"),
                photo("04", "other.jpg"), photo("05", "café (2).jpg")), null, false);

        assertThat(items).extracting(DownloadItem::photoId).containsExactly("01", "02", "03", "04", "05");
        assertThat(items).extracting(DownloadItem::fileName).containsExactly(
                "Café.jpg", "CAFÉ (2).JPG", "café (3).jpg", "other.jpg", "café (2) (2).jpg");
        assertThat(NamePlan.assign(List.of(photo("01", "a.jpg"), photo("02", "a.png")), 256, false))
                .extracting(DownloadItem::fileName).containsExactly("a.thumb256.jpg", "a (2).thumb256.jpg");
    }

    @Test
    void part_files_are_named_by_the_photo_and_hidden_and_never_by_an_unsafe_id() {
        assertThat(Downloader.partName(new DownloadItem(photo("0190c6a4-7000", "x.jpg"), "x.jpg", null, false)))
                .isEqualTo(".photo-0190c6a4-7000.part");
        assertThat(Downloader.partName(new DownloadItem(photo("0190c6a4-7000", "x.jpg"), "x.thumb256.jpg", 256,
                false))).isEqualTo(".photo-0190c6a4-7000-thumb256.part");
        assertThat(Downloader.partName(new DownloadItem(photo("../../evil", "x.jpg"), "x.jpg", null, false)))
                .matches("\\.photo-[0-9a-f]{32}\\.part");
    }

    static PhotoInfo photo(String id, String fileName) {
        return new PhotoInfo(id, "trip", fileName, "image/jpeg", 10L, "a".repeat(64), "READY", null, null, null,
                null, null, null, List.of(256, 1024), null, null);
    }
}
