package dev.photo.backend.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import dev.photo.backend.samples.SampleGenerator;
import dev.photo.backend.samples.SampleGenerator.Exif;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageProcessorTest {

    /** The JDK's decoder here; {@code ImageProcessorTurboTest} runs every case again through libjpeg-turbo. */
    JpegDecoding decoding() {
        return JpegDecoding.JAVA;
    }

    int decodedJpegs() {
        return decodes.jpegs();
    }

    private static final List<Integer> SIZES = List.of(256, 1024);

    @TempDir
    Path dir;

    private final DecodeCounter decodes = new DecodeCounter();
    private final ImageProcessor processor = new ImageProcessor(100_000_000L, SIZES, decoding(), decodes);

    @Test
    void makes_256_and_1024_thumbnails_with_the_exact_longest_side() throws Exception {
        ProcessedImage image = processor.process(file("big.jpg", SampleGenerator.jpeg(2000, 1500, 0)), out());

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.width()).isEqualTo(2000);
        assertThat(image.height()).isEqualTo(1500);
        assertThat(image.thumbnails()).extracting(Thumbnail::size).containsExactly(256, 1024);
        assertPixels(image.thumbnails().get(0), 256, 192);
        assertPixels(image.thumbnails().get(1), 1024, 768);
    }

    @Test
    void never_upscales_a_small_image() throws Exception {
        ProcessedImage image = processor.process(file("small.jpg", SampleGenerator.jpeg(200, 150, 0)), out());

        assertPixels(image.thumbnails().get(0), 200, 150);
        assertPixels(image.thumbnails().get(1), 200, 150);
    }

    @Test
    void keeps_the_longest_side_exact_for_portrait_images_between_the_sizes() throws Exception {
        ProcessedImage image = processor.process(file("mid.jpg", SampleGenerator.jpeg(375, 500, 0)), out());

        assertPixels(image.thumbnails().get(0), 192, 256);
        assertPixels(image.thumbnails().get(1), 375, 500);
    }

    @Test
    void orientation_6_turns_a_landscape_original_into_portrait_thumbnails() throws Exception {
        ProcessedImage image = processor.process(file("turned.jpg", SampleGenerator.jpeg(400, 300, 6)), out());

        assertThat(image.width()).isEqualTo(300);
        assertThat(image.height()).isEqualTo(400);
        assertPixels(image.thumbnails().get(0), 192, 256);
        BufferedImage large = assertPixels(image.thumbnails().get(1), 300, 400);
        // the stored top-left red block is at the top-right once turned a quarter clockwise
        assertThat(isRed(large.getRGB(300 - 10, 10))).isTrue();
        assertThat(isRed(large.getRGB(10, 10))).isFalse();
    }

    @Test
    void orientation_8_turns_the_other_way() throws Exception {
        ProcessedImage image = processor.process(file("turned8.jpg", SampleGenerator.jpeg(400, 300, 8)), out());

        BufferedImage large = assertPixels(image.thumbnails().get(1), 300, 400);
        assertThat(isRed(large.getRGB(10, 400 - 10))).isTrue();
    }

    @Test
    void rejects_a_text_file_named_jpg_without_decoding() throws Exception {
        Path text = file("photo.jpg", "just some notes\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> processor.process(text, out()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("not an image");
        assertThat(decodes.all()).isZero();
    }

    @Test
    void rejects_png_bomb_before_decoding() throws Exception {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(1000);

        assertThatThrownBy(() -> processor.process(file("bomb.png", bomb), out()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("100000 x 100000")
                .hasMessageContaining("limit");
        assertThat(decodes.all()).isZero();
    }

    @Test
    void honours_a_lower_pixel_cap() throws Exception {
        ImageProcessor strict = new ImageProcessor(10_000, SIZES, decoding(), decodes);

        assertThatThrownBy(() -> strict.process(file("a.jpg", SampleGenerator.jpeg(101, 100, 0)), out()))
                .isInstanceOf(ImageRejectedException.class);
        assertThat(strict.process(file("b.jpg", SampleGenerator.jpeg(100, 100, 0)), out()).width()).isEqualTo(100);
    }

    @Test
    void rejects_truncated_jpeg() throws Exception {
        byte[] whole = SampleGenerator.jpeg(800, 600, 0);
        Path cut = file("cut.jpg", Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> processor.process(cut, out()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageStartingWith("truncated image");
    }

    @Test
    void rejects_a_jpeg_cut_inside_its_header() throws Exception {
        byte[] whole = SampleGenerator.jpeg(800, 600, 0);
        Path cut = file("cut.jpg", Arrays.copyOf(whole, 40));

        assertThatThrownBy(() -> processor.process(cut, out()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("truncated image: the file ends inside its header");
    }

    @Test
    void rejects_a_png_signature_followed_by_garbage() throws Exception {
        byte[] bytes = new byte[200];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, bytes, 0, 8);
        Arrays.fill(bytes, 8, bytes.length, (byte) 0x5A);

        assertThatThrownBy(() -> processor.process(file("junk.png", bytes), out()))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("damaged");
    }

    @Test
    void flattens_png_alpha_onto_white_in_a_jpeg_thumbnail() throws Exception {
        BufferedImage transparent = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = transparent.createGraphics();
        g.setColor(new Color(0, 0, 255, 255));
        g.fillRect(200, 0, 100, 200);
        g.dispose();

        ProcessedImage image = processor.process(file("alpha.png", SampleGenerator.png(transparent)), out());

        Thumbnail small = image.thumbnails().get(0);
        byte[] bytes = Files.readAllBytes(small.file());
        assertThat(bytes[0] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xD8);
        BufferedImage decoded = ImageIO.read(small.file().toFile());
        assertThat(decoded.getColorModel().hasAlpha()).isFalse();
        assertThat(decoded.getRaster().getNumBands()).isEqualTo(3);
        Color corner = new Color(decoded.getRGB(5, 5));
        assertThat(corner.getRed()).isGreaterThan(245);
        assertThat(corner.getGreen()).isGreaterThan(245);
        assertThat(corner.getBlue()).isGreaterThan(245);
        assertThat(new Color(decoded.getRGB(250, 100)).getBlue()).isGreaterThan(200);
    }

    @Test
    void makes_thumbnails_of_gifs() throws Exception {
        BufferedImage picture = SampleGenerator.marked(640, 480);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(picture, "gif", gif);

        ProcessedImage image = processor.process(file("anim.gif", gif.toByteArray()), out());

        assertThat(image.format()).isEqualTo(ImageFormat.GIF);
        assertPixels(image.thumbnails().get(0), 256, 192);
    }

    /** The 1x1 images browsers' WebP feature detection has long used, one per WebP flavour; no encoder here. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lossy, UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA",
            "lossless, UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==",
            "alpha, UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA=="})
    void decodes_webp_through_the_plugin(String kind, String base64) throws Exception {
        ProcessedImage image = processor.process(file(kind + ".webp", Base64.getDecoder().decode(base64)), out());

        assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(image.width()).isEqualTo(1);
        assertPixels(image.thumbnails().get(0), 1, 1);
    }

    @Test
    void decodes_four_component_cmyk_jpegs_that_the_jdk_alone_cannot() throws Exception {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 640, 480, 4, null);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                cmyk.setPixel(x, y, new int[] {x * 255 / 640, 0, y * 255 / 480, 20});
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }

        ProcessedImage image = processor.process(file("cmyk.jpg", bytes.toByteArray()), out());

        assertPixels(image.thumbnails().get(0), 256, 192);
    }

    @Test
    void reads_taken_at_and_camera_and_keeps_no_exif_in_thumbnails() throws Exception {
        byte[] jpeg = SampleGenerator.jpeg(SampleGenerator.marked(600, 400),
                new Exif(1, "Acme", "Acme One", LocalDateTime.of(2024, 7, 1, 9, 0), null));

        ProcessedImage image = processor.process(file("exif.jpg", jpeg), out());

        assertThat(image.takenAt()).isEqualTo(Instant.parse("2024-07-01T09:00:00Z"));
        assertThat(image.camera()).isEqualTo("Acme One");
        for (Thumbnail thumbnail : image.thumbnails()) {
            Metadata metadata = ImageMetadataReader.readMetadata(thumbnail.file().toFile());
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
            assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)).isNull();
        }
    }

    @Test
    void honours_the_offset_of_the_original_date_and_joins_make_and_model() throws Exception {
        byte[] jpeg = SampleGenerator.jpeg(SampleGenerator.marked(300, 200),
                new Exif(1, "photo", "samples", LocalDateTime.of(2024, 7, 3, 12, 15), "+02:00"));

        ProcessedImage image = processor.process(file("offset.jpg", jpeg), out());

        assertThat(image.takenAt()).isEqualTo(Instant.parse("2024-07-03T10:15:00Z"));
        assertThat(image.camera()).isEqualTo("photo samples");
    }

    @Test
    void accepts_heic_without_dimensions_or_thumbnails() throws Exception {
        byte[] heic = new byte[256];
        byte[] box = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e',
            'i', 'c'};
        System.arraycopy(box, 0, heic, 0, box.length);

        ProcessedImage image = processor.process(file("phone.heic", heic), out());

        assertThat(image.format()).isEqualTo(ImageFormat.HEIC);
        assertThat(image.width()).isNull();
        assertThat(image.height()).isNull();
        assertThat(image.thumbnails()).isEmpty();
        assertThat(decodes.all()).isZero();
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path out() throws Exception {
        return Files.createTempDirectory(dir, "out");
    }

    private static BufferedImage assertPixels(Thumbnail thumbnail, int width, int height) throws Exception {
        assertThat(thumbnail.width()).isEqualTo(width);
        assertThat(thumbnail.height()).isEqualTo(height);
        BufferedImage decoded = ImageIO.read(thumbnail.file().toFile());
        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
        return decoded;
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getGreen() < 60 && c.getBlue() < 60;
    }
}
