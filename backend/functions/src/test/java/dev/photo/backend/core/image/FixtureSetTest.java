package dev.photo.backend.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import dev.photo.backend.core.image.ImageMetadata.TakenAtSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated fixture set, format by format: dimensions, orientation, colour and the outcome of each. */
class FixtureSetTest {

    /** The JDK's decoder here; {@code FixtureSetTurboTest} runs every case again through libjpeg-turbo. */
    JpegDecoding decoding() {
        return JpegDecoding.JAVA;
    }

    int decodedJpegs() {
        return decodes.jpegs();
    }

    private static final List<Integer> SIZES = List.of(256, 1024);
    private static final long CAP = 100_000_000L;

    @TempDir
    Path dir;

    private final DecodeCounter decodes = new DecodeCounter();
    private final ImageProcessor processor = new ImageProcessor(CAP, SIZES, decoding(), decodes);

    // --- JPEG colour models -----------------------------------------------------------------------------------------

    @Test
    void progressive_jpeg_makes_both_sizes() throws Exception {
        ProcessedImage image = process("p.jpg", ImageFixtures.jpeg(ImageFixtures.marked(1600, 1200), 0.9f, true));

        assertThat(image.width()).isEqualTo(1600);
        BufferedImage large = pixels(image, 1, 1024, 768);
        assertThat(isRed(large.getRGB(20, 20))).isTrue();
        assertThat(isBlue(large.getRGB(1000, 750))).isTrue();
    }

    @Test
    void greyscale_jpeg_keeps_its_grey_levels() throws Exception {
        ProcessedImage image = process("g.jpg", ImageFixtures.greyJpeg(600, 400, 60));

        BufferedImage small = pixels(image, 0, 256, 171);
        Color dark = new Color(small.getRGB(40, 80));
        // 60 stays about 60: no linear-grey brightening, no colour cast
        assertThat(dark.getRed()).isBetween(52, 68);
        assertThat(Math.abs(dark.getRed() - dark.getBlue())).isLessThan(4);
        assertThat(new Color(small.getRGB(220, 80)).getRed()).isBetween(187, 203);
    }

    @ParameterizedTest(name = "adobe={0} ycck={1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void cmyk_and_ycck_red_comes_out_red(boolean adobe, boolean ycck) throws Exception {
        ProcessedImage image = process("cmyk.jpg", ImageFixtures.cmykJpeg(640, 480, 0, 255, 255, 0, adobe, ycck));

        BufferedImage small = pixels(image, 0, 256, 192);
        Color c = new Color(small.getRGB(128, 96));
        assertThat(c.getRed()).as("red of %s", c).isGreaterThan(180);
        assertThat(c.getGreen()).as("green of %s", c).isLessThan(90);
        assertThat(c.getBlue()).as("blue of %s", c).isLessThan(90);
    }

    @Test
    void cmyk_cyan_comes_out_cyan() throws Exception {
        ProcessedImage image = process("cyan.jpg", ImageFixtures.cmykJpeg(320, 240, 255, 0, 0, 0, true, false));

        Color c = new Color(pixels(image, 0, 256, 192).getRGB(128, 96));
        assertThat(c.getRed()).as("red of %s", c).isLessThan(80);
        assertThat(c.getGreen()).as("green of %s", c).isGreaterThan(120);
        assertThat(c.getBlue()).as("blue of %s", c).isGreaterThan(180);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"p3", "adobe"})
    void wide_gamut_profiles_are_converted_to_srgb_not_read_as_srgb(String which) throws Exception {
        int[] stored = {40, 170, 60};
        byte[] icc = which.equals("p3") ? IccProfiles.displayP3() : IccProfiles.adobeRgb();
        int[] expected = which.equals("p3") ? IccProfiles.toSrgb(IccProfiles.P3, null, stored)
                : IccProfiles.toSrgb(IccProfiles.ADOBE, 563.0 / 256, stored);
        BufferedImage flat = ImageFixtures.filled(400, 300, new Color(stored[0], stored[1], stored[2]));

        ProcessedImage image = process(which + ".jpg", ImageFixtures.jpegWithIcc(flat, icc));

        Color c = new Color(pixels(image, 0, 256, 192).getRGB(128, 96));
        // the wide-gamut green is more saturated in sRGB terms than the stored numbers: read as sRGB it comes out dull
        assertThat(c.getRed()).as("%s vs expected %s", c, Arrays.toString(expected)).isBetween(expected[0] - 8,
                expected[0] + 8);
        assertThat(c.getGreen()).as("%s", c).isBetween(expected[1] - 8, expected[1] + 8);
        assertThat(c.getBlue()).as("%s", c).isBetween(expected[2] - 8, expected[2] + 8);
        assertThat(Math.abs(c.getRed() - stored[0]) + Math.abs(c.getBlue() - stored[2])).isGreaterThan(15);
    }

    @Test
    void arithmetic_coded_jpeg_is_refused_by_name_before_decoding() throws Exception {
        assertRejected("arith.jpg", ImageFixtures.arithmeticJpeg(), "arithmetic coding");
        assertThat(decodes.all()).isZero();
    }

    // --- PNG, GIF, WebP -------------------------------------------------------------------------------------------

    @Test
    void palette_png_keeps_its_colours() throws Exception {
        BufferedImage small = pixels(process("pal.png", ImageFixtures.palettePng(512, 256)), 0, 256, 128);

        assertThat(isRed(small.getRGB(30, 64))).isTrue();
        assertThat(isBlue(small.getRGB(220, 64))).isTrue();
    }

    @Test
    void sixteen_bit_grey_and_rgb_pngs_are_taken_to_eight_bits() throws Exception {
        BufferedImage grey = pixels(process("g16.png", ImageFixtures.grey16Png(400, 200, 100 * 257)), 0, 256, 128);
        BufferedImage rgb = pixels(process("rgb16.png", ImageFixtures.rgb16Png(400, 200, new Color(20, 140, 230))),
                0, 256, 128);

        assertThat(new Color(grey.getRGB(30, 64)).getGreen()).isBetween(92, 108);
        Color c = new Color(rgb.getRGB(128, 64));
        assertThat(c.getRed()).isBetween(12, 28);
        assertThat(c.getGreen()).isBetween(132, 148);
        assertThat(c.getBlue()).isBetween(222, 238);
    }

    @Test
    void gif_shows_its_first_frame() throws Exception {
        ProcessedImage image = process("anim.gif", ImageFixtures.gif(300, 200, 3));

        assertThat(image.format()).isEqualTo(ImageFormat.GIF);
        assertThat(isRed(pixels(image, 0, 256, 171).getRGB(128, 85))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lossy", "lossless", "alpha"})
    void webp_of_every_flavour_decodes(String kind) throws Exception {
        byte[] bytes = switch (kind) {
            case "lossy" -> ImageFixtures.WEBP_LOSSY;
            case "lossless" -> ImageFixtures.WEBP_LOSSLESS;
            default -> ImageFixtures.WEBP_ALPHA;
        };
        ProcessedImage image = process(kind + ".webp", bytes, "image/webp");

        assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
        pixels(image, 1, 1, 1);
    }

    // --- kept without thumbnails ---------------------------------------------------------------------------------

    @Test
    void heic_is_kept_with_the_unsupported_note_and_never_decoded() throws Exception {
        ProcessedImage image = process("phone.heic", ImageFixtures.heic(), "image/heic");

        assertThat(image.thumbnails()).isEmpty();
        assertThat(image.metadata().note()).isEqualTo("thumbnail: unsupported format");
        assertThat(image.contentType()).isEqualTo("image/heic");
        assertThat(decodes.all()).isZero();
    }

    @Test
    void raw_files_are_kept_with_their_declared_type_and_their_exif_read() throws Exception {
        ProcessedImage cr2 = process("a.cr2", ImageFixtures.cr2(), "image/x-canon-cr2");
        ProcessedImage nef = process("a.nef", ImageFixtures.tiffWithExif(Exif.of().make("NIKON").model("Z 6")
                .original("2023:05:06 07:08:09", "-04:00")), "image/x-nikon-nef");

        assertThat(cr2.format()).isEqualTo(ImageFormat.RAW);
        assertThat(cr2.metadata().note()).isEqualTo(ImageMetadata.UNSUPPORTED_NOTE);
        assertThat(nef.format()).isEqualTo(ImageFormat.TIFF);
        assertThat(nef.contentType()).isEqualTo("image/x-nikon-nef");
        assertThat(nef.camera()).isEqualTo("NIKON Z 6");
        assertThat(nef.takenAt()).isEqualTo(Instant.parse("2023-05-06T11:08:09Z"));
        assertThat(nef.thumbnails()).isEmpty();
        assertThat(decodes.all()).isZero();
    }

    // --- orientation -----------------------------------------------------------------------------------------------

    /** Where the stored top-left (red) corner is displayed, for each EXIF orientation of a 400x300 original. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 400, 300, left, top", "2, 400, 300, right, top", "3, 400, 300, right, bottom",
            "4, 400, 300, left, bottom", "5, 300, 400, left, top", "6, 300, 400, right, top",
            "7, 300, 400, right, bottom", "8, 300, 400, left, bottom"})
    void every_exif_orientation_puts_the_marker_in_its_corner(int orientation, int w, int h, String x, String y)
            throws Exception {
        byte[] jpeg = ImageFixtures.jpegWithExif(ImageFixtures.marked(400, 300), Exif.of().orientation(orientation));

        ProcessedImage image = process("o" + orientation + ".jpg", jpeg);

        assertThat(image.width()).isEqualTo(w);
        assertThat(image.height()).isEqualTo(h);
        BufferedImage large = pixels(image, 1, w, h);
        int rx = x.equals("left") ? 10 : w - 10;
        int ry = y.equals("top") ? 10 : h - 10;
        assertThat(isRed(large.getRGB(rx, ry))).as("red at %d,%d", rx, ry).isTrue();
        assertThat(isBlue(large.getRGB(w - 1 - rx, h - 1 - ry))).as("blue opposite").isTrue();
    }

    // --- metadata and privacy ------------------------------------------------------------------------------------

    @Test
    void reads_date_with_offset_lens_exposure_and_gps() throws Exception {
        Exif exif = Exif.of().make("Canon").model("Canon EOS R6").original("2024:07:03 12:15:00", "+02:00")
                .exposure(1, 250, 2.8, 400, 35).lens("Canon", "RF35mm F1.8 MACRO IS STM")
                .gps(48.8584, -2.2945, 35);

        ProcessedImage image = process("exif.jpg", ImageFixtures.jpegWithExif(ImageFixtures.marked(600, 400), exif));

        ImageMetadata m = image.metadata();
        assertThat(image.takenAt()).isEqualTo(Instant.parse("2024-07-03T10:15:00Z"));
        assertThat(m.takenAtSource()).isEqualTo(TakenAtSource.EXIF_ORIGINAL);
        assertThat(m.takenAtOffset()).isEqualTo("+02:00");
        assertThat(image.camera()).isEqualTo("Canon EOS R6");
        assertThat(m.lens()).isEqualTo("Canon RF35mm F1.8 MACRO IS STM");
        assertThat(m.exposure()).isEqualTo(new ImageMetadata.Exposure("1/250", 2.8, 400, 35.0));
        assertThat(m.gps().latitude()).isCloseTo(48.8584, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(m.gps().longitude()).isCloseTo(-2.2945, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(m.gps().altitude()).isEqualTo(35.0);
        assertThat(m.withoutGps().gps()).isNull();
    }

    @Test
    void falls_back_to_digitized_then_modified_dates_and_says_so() throws Exception {
        ProcessedImage digitized = process("d.jpg", ImageFixtures.jpegWithExif(ImageFixtures.marked(100, 80),
                Exif.of().digitized("2021:01:02 03:04:05").modified("2022:01:01 00:00:00")));
        ProcessedImage modified = process("m.jpg", ImageFixtures.jpegWithExif(ImageFixtures.marked(100, 80),
                Exif.of().modified("2022:01:01 00:00:00")));
        ProcessedImage none = process("n.jpg", ImageFixtures.jpeg(ImageFixtures.marked(100, 80)));

        assertThat(digitized.takenAt()).isEqualTo(Instant.parse("2021-01-02T03:04:05Z"));
        assertThat(digitized.metadata().takenAtSource()).isEqualTo(TakenAtSource.EXIF_DIGITIZED);
        assertThat(digitized.metadata().takenAtOffset()).isNull();
        assertThat(modified.metadata().takenAtSource()).isEqualTo(TakenAtSource.EXIF_MODIFIED);
        assertThat(none.takenAt()).isNull();
        assertThat(none.metadata().takenAtSource()).isNull();
    }

    @Test
    void thumbnails_carry_no_exif_gps_icc_or_maker_segments() throws Exception {
        Exif exif = Exif.of().make("Acme").model("One").orientation(6).original("2024:01:01 10:00:00", null)
                .gps(10, 20, 30);
        byte[] withEverything = ImageFixtures.insertAfterSoi(
                ImageFixtures.jpegWithIcc(ImageFixtures.marked(800, 600), IccProfiles.displayP3()), exif.segment());

        ProcessedImage image = process("all.jpg", withEverything);

        for (Thumbnail t : image.thumbnails()) {
            byte[] bytes = Files.readAllBytes(t.file());
            // SOI, then only JFIF (APP0), tables, frame and scan: no APP1 (EXIF/XMP), APP2 (ICC), APP13 or others
            assertThat(ImageFixtures.markersBeforeScan(bytes)).allSatisfy(m -> assertThat(m)
                    .isIn(0xE0, 0xDB, 0xC0, 0xC4, 0xDD, 0xDA));
            Metadata metadata = ImageMetadataReader.readMetadata(t.file().toFile());
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
            for (Directory d : metadata.getDirectories()) {
                assertThat(d.getName()).isNotIn("ICC Profile", "Exif SubIFD", "Photoshop");
            }
        }
    }

    // --- hostile ----------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({"png", "gif", "webp", "jpeg"})
    void bombs_of_every_format_are_refused_from_the_header_before_decoding(String kind) throws Exception {
        byte[] bomb = switch (kind) {
            case "png" -> TestImages.pngClaiming(100_000, 100_000);
            case "gif" -> ImageFixtures.gifClaiming(65_535, 65_535);
            case "webp" -> ImageFixtures.webpClaiming(16_383, 16_383);
            default -> ImageFixtures.jpegClaiming(65_500, 65_500);
        };
        long start = System.nanoTime();

        assertRejected("bomb." + kind, bomb, "more than the limit");

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
        assertThat(decodes.all()).isZero();
    }

    @Test
    void refuses_an_animation_with_absurdly_many_frames() throws Exception {
        assertThat(ImageFixtures.gifWithFrames(HeaderProbe.MAX_FRAMES + 1).length).isLessThan(20_000);

        assertRejected("many.gif", ImageFixtures.gifWithFrames(HeaderProbe.MAX_FRAMES + 1), "frames");
        assertThat(decodes.all()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jpeg", "progressive", "png", "gif", "webp"})
    void truncated_files_of_every_format_are_rejected_without_thumbnails(String kind) throws Exception {
        byte[] whole = switch (kind) {
            case "jpeg" -> ImageFixtures.jpeg(ImageFixtures.photoLike(400, 300, 1));
            case "progressive" -> ImageFixtures.jpeg(ImageFixtures.photoLike(400, 300, 1), 0.9f, true);
            case "png" -> ImageFixtures.png(ImageFixtures.photoLike(400, 300, 1));
            case "gif" -> ImageFixtures.gif(200, 100, 2);
            default -> ImageFixtures.WEBP_ALPHA;
        };
        Path out = Files.createTempDirectory(dir, "out");

        assertThatThrownBy(() -> processor.process(file(kind, Arrays.copyOf(whole, whole.length * 2 / 3)), out))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageMatching("(truncated|damaged).*");
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void content_that_is_not_what_was_declared_is_rejected_with_the_reason() throws Exception {
        assertRejected("fake.jpg", ImageFixtures.png(ImageFixtures.marked(40, 30)), "image/jpeg",
                "content is PNG but was declared image/jpeg");
        assertThat(decodes.all()).isZero();
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private ProcessedImage process(String name, byte[] bytes) throws Exception {
        return process(name, bytes, null);
    }

    private ProcessedImage process(String name, byte[] bytes, String declared) throws Exception {
        return processor.process(file(name, bytes), Files.createTempDirectory(dir, "out"), declared);
    }

    private void assertRejected(String name, byte[] bytes, String reason) throws Exception {
        assertRejected(name, bytes, null, reason);
    }

    private void assertRejected(String name, byte[] bytes, String declared, String reason) throws Exception {
        Path f = file(name, bytes);
        assertThatThrownBy(() -> processor.process(f, Files.createTempDirectory(dir, "out"), declared))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining(reason);
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static BufferedImage pixels(ProcessedImage image, int index, int width, int height) throws Exception {
        Thumbnail t = image.thumbnails().get(index);
        assertThat(t.width()).isEqualTo(width);
        assertThat(t.height()).isEqualTo(height);
        BufferedImage decoded = ImageIO.read(t.file().toFile());
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        return decoded;
    }

    static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 180 && c.getGreen() < 80 && c.getBlue() < 80;
    }

    static boolean isBlue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 180 && c.getRed() < 80 && c.getGreen() < 80;
    }
}
