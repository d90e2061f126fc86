package dev.photo.backend.core.image;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FormatSnifferTest {

    @Test
    void recognises_each_accepted_format_by_its_signature() {
        assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).contains(ImageFormat.JPEG);
        assertThat(sniff(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13))).contains(ImageFormat.PNG);
        assertThat(sniff(ascii("GIF89a\u0001\u0000"))).contains(ImageFormat.GIF);
        assertThat(sniff(ascii("GIF87a\u0001\u0000"))).contains(ImageFormat.GIF);
        assertThat(sniff(ascii("RIFF\u0000\u0001\u0000\u0000WEBPVP8 "))).contains(ImageFormat.WEBP);
    }

    @Test
    void tells_heic_and_heif_apart_by_their_ftyp_brands() {
        assertThat(sniff(ftyp("heic", "mif1", "heic"))).contains(ImageFormat.HEIC);
        assertThat(sniff(ftyp("mif1", "mif1", "heic"))).contains(ImageFormat.HEIC);
        assertThat(sniff(ftyp("mif1", "mif1", "miaf"))).contains(ImageFormat.HEIF);
        assertThat(sniff(ftyp("heix", "mif1"))).contains(ImageFormat.HEIC);
    }

    @Test
    void refuses_other_iso_media_such_as_avif_and_mp4() {
        assertThat(sniff(ftyp("avif", "mif1", "miaf"))).isEmpty();
        assertThat(sniff(ftyp("mif1", "avif", "miaf"))).isEmpty();
        assertThat(sniff(ftyp("isom", "iso2", "mp41"))).isEmpty();
    }

    @Test
    void refuses_text_svg_and_short_input_whatever_the_name() {
        assertThat(sniff(ascii("hello, this is not a photo\n"))).isEmpty();
        assertThat(sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).isEmpty();
        assertThat(sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(sniff(new byte[0])).isEmpty();
    }

    @Test
    void only_looks_at_the_bytes_actually_read() {
        byte[] buffer = bytes(0xFF, 0xD8, 0xFF, 0xE0);
        assertThat(FormatSniffer.sniff(buffer, 2)).isEmpty();
    }

    private static Optional<ImageFormat> sniff(byte[] head) {
        return FormatSniffer.sniff(head, head.length);
    }

    private static byte[] ftyp(String major, String... compatible) {
        StringBuilder box = new StringBuilder("ftyp").append(major).append("\u0000\u0000\u0000\u0000");
        for (String brand : compatible) {
            box.append(brand);
        }
        int size = 4 + box.length();
        return ascii(new String(new char[] {0, 0, 0, (char) size}) + box);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
