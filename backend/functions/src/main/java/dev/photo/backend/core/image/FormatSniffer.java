package dev.photo.backend.core.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the format from the first bytes of the content. File names and declared content types are never consulted:
 * they are whatever the uploader said.
 */
public final class FormatSniffer {

    /** Enough bytes for every signature checked here, including an ISO-BMFF {@code ftyp} box with a few brands. */
    public static final int HEAD_BYTES = 64;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis");
    private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1", "heif");

    private FormatSniffer() {
    }

    /** The format these leading bytes announce, or empty when they are not one of the accepted formats. */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        int n = Math.min(length, head.length);
        if (n >= 3 && u8(head, 0) == 0xFF && u8(head, 1) == 0xD8 && u8(head, 2) == 0xFF) {
            return Optional.of(ImageFormat.JPEG);
        }
        if (startsWith(head, n, PNG_SIGNATURE)) {
            return Optional.of(ImageFormat.PNG);
        }
        if (ascii(head, n, 0, 6).equals("GIF87a") || ascii(head, n, 0, 6).equals("GIF89a")) {
            return Optional.of(ImageFormat.GIF);
        }
        if (ascii(head, n, 0, 4).equals("RIFF") && ascii(head, n, 8, 4).equals("WEBP")) {
            return Optional.of(ImageFormat.WEBP);
        }
        if (ascii(head, n, 0, 15).equals("FUJIFILMCCD-RAW")) {
            return Optional.of(ImageFormat.RAW);
        }
        String tiffHead = ascii(head, n, 0, 4);
        if (tiffHead.equals("IIRO") || tiffHead.equals("IIRS") || tiffHead.equals("MMOR")
                || tiffHead.equals("IIU\0")) {
            return Optional.of(ImageFormat.RAW); // Olympus ORF and Panasonic RW2: TIFF with their own magic
        }
        if (tiffHead.equals("II*\0") || tiffHead.equals("MM\0*")) {
            // Canon CR2 marks itself after the first IFD offset; the other TIFF-based raws do not
            return Optional.of(ascii(head, n, 8, 2).equals("CR") ? ImageFormat.RAW : ImageFormat.TIFF);
        }
        return isoBmff(head, n);
    }

    /**
     * HEIC and HEIF live in ISO-BMFF files that open with an {@code ftyp} box: size, "ftyp", major brand, minor
     * version, compatible brands. The major brand decides when it is a known one; a generic {@code mif1} major brand
     * is refined by the compatible brands. AVIF shares the container but is not an accepted format.
     */
    private static Optional<ImageFormat> isoBmff(byte[] head, int n) {
        if (n < 16 || !ascii(head, n, 4, 4).equals("ftyp")) {
            return Optional.empty();
        }
        long boxSize = ((long) u8(head, 0) << 24) | (u8(head, 1) << 16) | (u8(head, 2) << 8) | u8(head, 3);
        String major = ascii(head, n, 8, 4);
        if (major.equals("crx ")) {
            return Optional.of(ImageFormat.RAW); // Canon CR3
        }
        if (HEIC_BRANDS.contains(major)) {
            return Optional.of(ImageFormat.HEIC);
        }
        if (!HEIF_BRANDS.contains(major)) {
            return Optional.empty();
        }
        int end = (int) Math.min(Math.max(boxSize, 16), n);
        boolean avif = false;
        for (int at = 16; at + 4 <= end; at += 4) {
            String brand = ascii(head, n, at, 4);
            if (HEIC_BRANDS.contains(brand)) {
                return Optional.of(ImageFormat.HEIC);
            }
            avif |= brand.equals("avif") || brand.equals("avis");
        }
        return avif ? Optional.empty() : Optional.of(ImageFormat.HEIF);
    }

    private static boolean startsWith(byte[] head, int n, byte[] signature) {
        if (n < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int n, int offset, int len) {
        return offset + len <= n ? new String(head, offset, len, StandardCharsets.ISO_8859_1) : "";
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }
}
