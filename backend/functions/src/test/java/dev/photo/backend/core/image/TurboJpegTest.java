package dev.photo.backend.core.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The native decoder itself: where it loads, the scale it is asked for, and the hostile cases only it guards. */
class TurboJpegTest {

    private static final List<Integer> SIZES = List.of(256, 1024);

    @TempDir
    Path dir;

    /**
     * The build makes the library for linux-x86_64 (and fails there without it), so on that platform it must load;
     * anywhere else it must say why not, and the processor falls back to the JDK's decoder.
     */
    static void assertLoadedWhereBuilt() {
        if (TurboJpeg.platform().equals("linux-x86_64")) {
            assertThat(TurboJpeg.available()).as(TurboJpeg.status()).isTrue();
            assertThat(TurboJpeg.status()).startsWith("libjpeg-turbo 2.");
        } else {
            assertThat(TurboJpeg.available()).isFalse();
            assertThat(TurboJpeg.status()).contains(TurboJpeg.platform());
        }
    }

    @Test
    void loads_from_the_jar_on_the_platform_it_was_built_for() {
        assertLoadedWhereBuilt();
        String decoder = new ImageProcessor(1000, SIZES, JpegDecoding.LIBJPEG_TURBO).jpegDecoder();
        assertThat(decoder).isEqualTo(TurboJpeg.available() ? TurboJpeg.status()
                : "JDK ImageIO (" + TurboJpeg.status() + ")");
        assertThat(new ImageProcessor(1000, SIZES, JpegDecoding.JAVA).jpegDecoder()).startsWith("JDK ImageIO");
    }

    @Test
    void decodes_at_the_smallest_power_of_two_that_keeps_about_twice_the_largest_thumbnail() {
        ImageProcessor processor = new ImageProcessor(200_000_000L, SIZES, JpegDecoding.LIBJPEG_TURBO);
        assertThat(processor.nativeScale(6000, 4000)).isEqualTo(4);   // 3000 px
        assertThat(processor.nativeScale(4000, 6000)).isEqualTo(4);
        assertThat(processor.nativeScale(4000, 3000)).isEqualTo(4);   // 2000 px: 1.95 times 1024
        assertThat(processor.nativeScale(3800, 2850)).isEqualTo(8);   // 1900 px would be under 1.9 times
        assertThat(processor.nativeScale(12000, 8333)).isEqualTo(2);  // 3000 px
        assertThat(processor.nativeScale(20000, 15000)).isEqualTo(1); // 2500 px
        assertThat(processor.nativeScale(2048, 1536)).isEqualTo(8);   // nothing smaller keeps enough
        assertThat(processor.nativeScale(640, 480)).isEqualTo(8);     // a small image is never reduced
        // a 100 MP strip: the scale that keeps its long side would still be 25 MP; the pixel bound takes over
        assertThat(processor.nativeScale(100_000, 1000)).isEqualTo(1);
    }

    @Test
    void scaled_decode_has_libjpegs_rounded_up_size_and_the_pictures_colours() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above: this platform has no native decoder to exercise
        }
        byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.marked(1601, 1203), 0.95f, false);
        Path file = Files.write(dir.resolve("m.jpg"), jpeg);
        HeaderProbe.Header header = HeaderProbe.probe(ImageFormat.JPEG, file, 100_000_000L);
        BufferedImage half = TurboJpeg.decode(jpeg, header, 4);
        assertThat(half.getWidth()).isEqualTo(801);
        assertThat(half.getHeight()).isEqualTo(602);
        BufferedImage eighth = TurboJpeg.decode(jpeg, header, 1);
        assertThat(eighth.getWidth()).isEqualTo(201);
        assertThat(eighth.getHeight()).isEqualTo(151);
        // the marker image: red top-left, blue bottom-right
        int tl = half.getRGB(10, 10);
        int br = half.getRGB(790, 592);
        assertThat((tl >> 16) & 0xFF).isGreaterThan(200);
        assertThat(br & 0xFF).isGreaterThan(200);
    }

    @Test
    void rejects_a_progressive_jpeg_with_more_scans_than_any_encoder_writes() throws Exception {
        assertLoadedWhereBuilt();
        byte[] jpeg = repeatFirstScan(ImageFixtures.jpeg(ImageFixtures.photoLike(320, 240, 3), 0.9f, true), 600);
        ImageProcessor processor = new ImageProcessor(100_000_000L, SIZES, JpegDecoding.LIBJPEG_TURBO);
        Path file = Files.write(dir.resolve("scans.jpg"), jpeg);
        if (TurboJpeg.available()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> processor.process(file, Files.createDirectories(dir.resolve("out"))))
                    .isInstanceOf(ImageRejectedException.class)
                    .hasMessageContaining("more than 500 progressive scans");
            assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        }
    }

    @Test
    void rejects_a_jpeg_whose_frame_differs_from_the_header_it_was_allocated_for() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.photoLike(320, 240, 4));
        HeaderProbe.Header lying = new HeaderProbe.Header(640, 480, 1, 3, false, false);
        assertThatThrownBy(() -> TurboJpeg.decode(jpeg, lying, 8))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("cannot be decoded");
        HeaderProbe.Header grey = new HeaderProbe.Header(320, 240, 1, 1, false, false);
        assertThatThrownBy(() -> TurboJpeg.decode(jpeg, grey, 8))
                .isInstanceOf(ImageRejectedException.class);
    }

    @Test
    void joins_icc_profile_chunks_in_sequence_order_and_ignores_inconsistent_ones() {
        byte[] icc = new byte[150_000];
        for (int i = 0; i < icc.length; i++) {
            icc[i] = (byte) (i * 31);
        }
        byte[] jpeg = ImageFixtures.jpegWithIcc(ImageFixtures.photoLike(64, 48, 5), icc);
        assertThat(TurboJpeg.iccProfile(jpeg)).isEqualTo(icc);
        assertThat(TurboJpeg.iccProfile(ImageFixtures.jpeg(ImageFixtures.photoLike(64, 48, 5)))).isNull();
        byte[] cut = java.util.Arrays.copyOf(jpeg, 70_000); // the second chunk's segment runs past the end
        assertThat(TurboJpeg.iccProfile(cut)).isNull();
    }

    @Test
    void resizing_decode_matches_the_java_route_of_full_decode_and_lanczos() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        // 4:2:0 at 1/2: luma at 1000 px, chroma decoded at the same size and shrunk 2x2 (400 px) or 4x4 (200 px) on
        // the way; an odd-sized photo cuts the last boxes short
        for (int[] c : new int[][] {{2000, 1500, 400, 300}, {2000, 1500, 200, 150}, {2003, 1501, 223, 167}}) {
            byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.photoLike(c[0], c[1], 7), 0.95f, false);
            Path file = Files.write(dir.resolve("p" + c[0] + "-" + c[2] + ".jpg"), jpeg);
            HeaderProbe.Header header = HeaderProbe.probe(ImageFormat.JPEG, file, 100_000_000L);
            BufferedImage fromFile = TurboJpeg.decodeResized(file, header, 4, c[2], c[3]).orElseThrow();
            BufferedImage fromBytes = TurboJpeg.decodeResized(jpeg, header, 4, c[2], c[3]).orElseThrow();
            assertThat(pixels(fromFile)).as("the mapped file and the bytes decode alike").isEqualTo(pixels(fromBytes));
            BufferedImage reference = Resampler.scale(Reducer.reduce(javax.imageio.ImageIO.read(file.toFile()), 1),
                    c[2], c[3]);
            assertThat(meanDifference(fromFile, reference)).as("%dx%d to %dx%d", c[0], c[1], c[2], c[3])
                    .isLessThan(2.5);
        }
    }

    @Test
    void chroma_boxed_in_the_idct_keeps_saturated_colour_in_baseline_and_progressive_files() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        // Saturated primaries in patches that straddle the 8x8 blocks, against the JDK's full decode and the Java
        // Lanczos. The chroma box means are computed from the coefficients (2x2 through libjpeg's reduced IDCT, 4x4 by
        // idct_box4) and clamp where the full IDCT's samples would, at 0 and 255; a box in the wrong place or a
        // wrong weight moves whole patches by tens of levels. What is left is the chroma's lower resolution at hard
        // colour edges: 1.8 and 2.9 on average, the same as shrinking the full IDCT's chroma gave (measured with the
        // shim before idct_box4). A progressive file takes libjpeg's multi-scan output path through the same table.
        BufferedImage patches = new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_RGB);
        int[] colours = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF, 0xFFFFFF, 0x000000};
        for (int y = 0; y < patches.getHeight(); y++) {
            for (int x = 0; x < patches.getWidth(); x++) {
                patches.setRGB(x, y, colours[(x / 53 + 3 * (y / 41)) % colours.length]);
            }
        }
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = ImageFixtures.jpeg(patches, 0.95f, progressive);
            Path file = Files.write(dir.resolve("patches-" + progressive + ".jpg"), jpeg);
            HeaderProbe.Header header = HeaderProbe.probe(ImageFormat.JPEG, file, 100_000_000L);
            BufferedImage full = Reducer.reduce(javax.imageio.ImageIO.read(file.toFile()), 1);
            for (int[] size : new int[][] {{400, 300}, {200, 150}}) {
                BufferedImage boxed = TurboJpeg.decodeResized(file, header, 4, size[0], size[1]).orElseThrow();
                BufferedImage reference = Resampler.scale(full, size[0], size[1]);
                assertThat(meanDifference(boxed, reference))
                        .as("progressive %s, to %dx%d", progressive, size[0], size[1]).isLessThan(3.5);
            }
        }
    }

    @Test
    void native_resampler_matches_the_java_lanczos_within_rounding() {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        BufferedImage source = ImageFixtures.photoLike(1024, 683, 11);
        for (int[] size : new int[][] {{256, 171}, {1024, 683}, {300, 683}, {1, 1}, {1000, 700}}) {
            BufferedImage nat = TurboJpeg.resample(source, size[0], size[1]);
            BufferedImage java = Resampler.scale(source, size[0], size[1]);
            assertThat(nat.getWidth()).isEqualTo(size[0]);
            assertThat(nat.getHeight()).isEqualTo(size[1]);
            // 14-bit fixed-point vertical weights against float: at most a level or two apart, a few pixels
            assertThat(maxDifference(nat, java)).as("%dx%d", size[0], size[1]).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void resizing_decode_takes_grey_and_leaves_cmyk_to_the_ordinary_decode() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        byte[] grey = ImageFixtures.greyJpeg(640, 480, 40);
        Path greyFile = Files.write(dir.resolve("g.jpg"), grey);
        HeaderProbe.Header header = HeaderProbe.probe(ImageFormat.JPEG, greyFile, 100_000_000L);
        BufferedImage small = TurboJpeg.decodeResized(greyFile, header, 8, 320, 240).orElseThrow();
        int left = small.getRGB(40, 120);
        int right = small.getRGB(280, 120);
        assertThat(left & 0xFFFFFF).isEqualTo((left & 0xFF) * 0x010101); // grey: three equal channels
        assertThat(left & 0xFF).isBetween(36, 44);
        assertThat(right & 0xFF).isBetween(211, 219);
        byte[] cmyk = ImageFixtures.cmykJpeg(64, 48, 10, 200, 30, 0, true, false);
        Path cmykFile = Files.write(dir.resolve("c.jpg"), cmyk);
        HeaderProbe.Header four = HeaderProbe.probe(ImageFormat.JPEG, cmykFile, 100_000_000L);
        assertThat(TurboJpeg.decodeResized(cmykFile, four, 8, 32, 24)).isEmpty();
        byte[] ycck = ImageFixtures.cmykJpeg(64, 48, 10, 200, 30, 0, true, true);
        Path ycckFile = Files.write(dir.resolve("y.jpg"), ycck);
        assertThat(TurboJpeg.decodeResized(ycckFile, four, 8, 32, 24)).isEmpty();
    }

    @Test
    void resizing_decode_refuses_truncated_corrupt_and_lying_files() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        byte[] jpeg = ImageFixtures.jpeg(ImageFixtures.photoLike(800, 600, 3));
        Path whole = Files.write(dir.resolve("w.jpg"), jpeg);
        HeaderProbe.Header header = HeaderProbe.probe(ImageFormat.JPEG, whole, 100_000_000L);
        Path cut = Files.write(dir.resolve("t.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
        assertThatThrownBy(() -> TurboJpeg.decodeResized(cut, header, 4, 300, 225))
                .isInstanceOf(ImageRejectedException.class).hasMessageContaining("truncated");
        byte[] corrupt = jpeg.clone();
        int sos = ImageFixtures.findMarker(corrupt, 0xDA);
        for (int i = sos + 200; i < sos + 260; i++) {
            corrupt[i] = (byte) 0xFF; // markers where entropy-coded data should be
        }
        Path bad = Files.write(dir.resolve("b.jpg"), corrupt);
        assertThatThrownBy(() -> TurboJpeg.decodeResized(bad, header, 4, 300, 225))
                .isInstanceOf(ImageRejectedException.class);
        HeaderProbe.Header lying = new HeaderProbe.Header(1600, 1200, 1, 3, false, false);
        assertThatThrownBy(() -> TurboJpeg.decodeResized(whole, lying, 4, 300, 225))
                .isInstanceOf(ImageRejectedException.class).hasMessageContaining("cannot be decoded");
    }

    @Test
    void encodes_plain_jfif_with_no_other_segment() throws Exception {
        assertLoadedWhereBuilt();
        if (!TurboJpeg.available()) {
            return; // asserted above
        }
        BufferedImage image = ImageFixtures.marked(333, 177);
        byte[] jpeg = TurboJpeg.encode(image, 85);
        assertThat(ImageFixtures.markersBeforeScan(jpeg)).doesNotContain(0xE1, 0xE2, 0xED, 0xEE)
                .contains(0xE0, 0xDB, 0xC0, 0xC4);
        BufferedImage back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        assertThat(back.getWidth()).isEqualTo(333);
        assertThat(back.getHeight()).isEqualTo(177);
        assertThat(meanDifference(back, image)).isLessThan(3);
    }

    @Test
    void reads_the_segments_before_the_first_scan_however_long_they_are() throws Exception {
        byte[] icc = new byte[150_000];
        for (int i = 0; i < icc.length; i++) {
            icc[i] = (byte) (i * 7);
        }
        byte[] jpeg = ImageFixtures.jpegWithIcc(ImageFixtures.photoLike(64, 48, 5), icc);
        Path file = Files.write(dir.resolve("icc.jpg"), jpeg);
        byte[] head = TurboJpeg.head(file);
        assertThat(head.length).isEqualTo(ImageFixtures.findMarker(jpeg, 0xDA));
        assertThat(TurboJpeg.iccProfile(head)).isEqualTo(icc);
        Path cut = Files.write(dir.resolve("cut.jpg"), java.util.Arrays.copyOf(jpeg, 1000));
        assertThat(TurboJpeg.head(cut)).hasSize(1000);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF));
            }
        }
        return (double) sum / (3.0 * pa.length);
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        int max = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF)));
            }
        }
        return max;
    }

    /** The first scan (SOS header and entropy data) repeated {@code times} more right after itself. */
    private static byte[] repeatFirstScan(byte[] jpeg, int times) {
        int sos = ImageFixtures.findMarker(jpeg, 0xDA);
        int p = sos + 2 + ((jpeg[sos + 2] & 0xFF) << 8 | (jpeg[sos + 3] & 0xFF));
        while (!((jpeg[p] & 0xFF) == 0xFF && (jpeg[p + 1] & 0xFF) != 0 && ((jpeg[p + 1] & 0xFF) < 0xD0
                || (jpeg[p + 1] & 0xFF) > 0xD7))) {
            p++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, p);
        for (int i = 0; i < times; i++) {
            out.write(jpeg, sos, p - sos);
        }
        out.write(jpeg, p, jpeg.length - p);
        return out.toByteArray();
    }
}
