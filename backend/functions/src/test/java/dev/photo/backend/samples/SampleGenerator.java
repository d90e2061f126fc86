package dev.photo.backend.samples;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Makes the pictures in {@code samples/} and, for tests, JPEGs on the fly. Only the JDK is used, so it runs with
 * nothing but the compiled test classes on the class path:
 *
 * <pre>java -cp backend/functions/target/test-classes dev.photo.backend.samples.SampleGenerator samples</pre>
 *
 * <p>EXIF is written by hand as a minimal APP1 segment inserted right after SOI (TIFF header, IFD0 with Make,
 * Model, Orientation and the Exif IFD pointer; the Exif IFD with DateTimeOriginal and, when given,
 * OffsetTimeOriginal), because ImageIO writes no EXIF of its own.
 */
public final class SampleGenerator {

    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private SampleGenerator() {
    }

    /**
     * EXIF fields to write; null fields are left out.
     *
     * @param orientation 1-8, or 0 to leave the tag out
     * @param offset      OffsetTimeOriginal such as {@code +02:00}
     */
    public record Exif(int orientation, String make, String model, LocalDateTime takenAt, String offset) {

        public static Exif orientation(int orientation) {
            return new Exif(orientation, null, null, null, null);
        }
    }

    /** One file of the sample set. */
    public record Sample(String fileName, String description, byte[] bytes) {
    }

    /** Writes the sample set into {@code args[0]} (default {@code samples}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "samples");
        Files.createDirectories(dir);
        for (Sample sample : samples()) {
            Files.write(dir.resolve(sample.fileName()), sample.bytes());
        }
    }

    /** The demo set: seven JPEGs (one stored landscape with orientation 6, so displayed portrait) and one PNG. */
    public static List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        out.add(new Sample("01-sunset.jpg", "1200x800 sunset; EXIF photo/samples, taken 2024-07-01 09:00:00",
                jpeg(sunset(1200, 800), new Exif(1, "photo", "samples", LocalDateTime.of(2024, 7, 1, 9, 0), null))));
        out.add(new Sample("02-tower-orientation6.jpg",
                "stored 1200x900 with EXIF orientation 6: a 900x1200 portrait of a tower when displayed",
                jpeg(storedForOrientation6(tower(900, 1200)),
                        new Exif(6, "photo", "samples", LocalDateTime.of(2024, 7, 2, 18, 30), null))));
        out.add(new Sample("03-waves.jpg", "1024x768 waves; EXIF taken 2024-07-03 12:15:00 at +02:00, no camera",
                jpeg(waves(1024, 768), new Exif(1, null, null, LocalDateTime.of(2024, 7, 3, 12, 15), "+02:00"))));
        out.add(new Sample("04-checkers.jpg", "800x600 checkerboard with discs; no EXIF",
                jpeg(checkers(800, 600), null)));
        out.add(new Sample("05-night-sky.jpg", "1600x1200 night sky with a moon; EXIF Acme Imaging / Acme One",
                jpeg(nightSky(1600, 1200),
                        new Exif(1, "Acme Imaging", "Acme One", LocalDateTime.of(2023, 12, 24, 22, 5), null))));
        out.add(new Sample("06-forest.jpg", "1280x960 forest of triangles; EXIF orientation 1 only",
                jpeg(forest(1280, 960), Exif.orientation(1))));
        out.add(new Sample("07-rings.jpg", "1000x1000 concentric rings; EXIF photo/samples, taken 2025-01-15 08:00:00",
                jpeg(rings(1000, 1000), new Exif(1, "photo", "samples", LocalDateTime.of(2025, 1, 15, 8, 0), null))));
        out.add(new Sample("08-shapes-alpha.png", "800x600 PNG with a transparent background and translucent shapes",
                png(shapesWithAlpha(800, 600))));
        return out;
    }

    /**
     * A JPEG whose stored pixels are {@code width} x {@code height} with the given EXIF orientation (0 for none).
     * The stored image is a gradient with a red block in its top-left corner, so tests can tell where that corner
     * ends up once the orientation is applied.
     */
    public static byte[] jpeg(int width, int height, int orientation) {
        return jpeg(marked(width, height), orientation == 0 ? null : Exif.orientation(orientation));
    }

    /** The image as a JPEG (quality 0.9), with an EXIF segment when {@code exif} is not null. */
    public static byte[] jpeg(BufferedImage image, Exif exif) {
        byte[] plain = encodeJpeg(image);
        return exif == null ? plain : insertAfterSoi(plain, exifSegment(exif));
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A gradient, red in the top-left corner block (an eighth of each side) and blue in the bottom-right one. */
    public static BufferedImage marked(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(220, 220, 220), width, height, new Color(120, 160, 120)));
        g.fillRect(0, 0, width, height);
        int bw = Math.max(1, width / 8);
        int bh = Math.max(1, height / 8);
        g.setColor(Color.RED);
        g.fillRect(0, 0, bw, bh);
        g.setColor(Color.BLUE);
        g.fillRect(width - bw, height - bh, bw, bh);
        g.dispose();
        return image;
    }

    /** The APP1 segment: marker, length, "Exif\0\0", then a big-endian TIFF structure, written by the tests' {@link
     * dev.photo.backend.core.image.Exif}. */
    public static byte[] exifSegment(Exif exif) {
        dev.photo.backend.core.image.Exif tags = dev.photo.backend.core.image.Exif.of();
        if (exif.make() != null) {
            tags.make(exif.make());
        }
        if (exif.model() != null) {
            tags.model(exif.model());
        }
        if (exif.orientation() != 0) {
            tags.orientation(exif.orientation());
        }
        if (exif.takenAt() != null) {
            tags.original(EXIF_DATE.format(exif.takenAt()), exif.offset());
        }
        return tags.segment();
    }

    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        if (jpeg.length < 2 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IllegalArgumentException("not a JPEG");
        }
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    private static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** The JDK's own encoder, so the output is the same whether or not other plugins are on the class path. */
    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriterSpi> spis = IIORegistry.getDefaultInstance().getServiceProviders(ImageWriterSpi.class, true);
        ImageWriter fallback = null;
        while (spis.hasNext()) {
            ImageWriterSpi spi = spis.next();
            if (List.of(spi.getFormatNames()).contains("jpeg")) {
                try {
                    ImageWriter writer = spi.createWriterInstance();
                    if (spi.getClass().getName().startsWith("com.sun.")) {
                        return writer;
                    }
                    fallback = writer;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no JPEG writer");
        }
        return fallback;
    }

    private static Graphics2D smooth(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private static BufferedImage sunset(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setPaint(new GradientPaint(0, 0, new Color(70, 40, 120), 0, h * 0.7f, new Color(250, 140, 60)));
        g.fillRect(0, 0, w, h);
        g.setPaint(new RadialGradientPaint(w / 2f, h * 0.62f, h * 0.18f, new float[] {0f, 1f},
                new Color[] {new Color(255, 240, 170), new Color(250, 170, 60)}));
        g.fill(new Ellipse2D.Float(w / 2f - h * 0.18f, h * 0.44f, h * 0.36f, h * 0.36f));
        g.setPaint(new GradientPaint(0, h * 0.7f, new Color(30, 50, 90), 0, h, new Color(10, 20, 40)));
        g.fillRect(0, (int) (h * 0.7), w, h - (int) (h * 0.7));
        g.dispose();
        return image;
    }

    private static BufferedImage tower(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setPaint(new GradientPaint(0, 0, new Color(120, 180, 240), 0, h, new Color(220, 235, 250)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(90, 150, 70));
        g.fillRect(0, (int) (h * 0.85), w, h);
        g.setColor(new Color(150, 110, 80));
        g.fillRect((int) (w * 0.4), (int) (h * 0.2), (int) (w * 0.2), (int) (h * 0.65));
        g.setColor(new Color(170, 40, 40));
        g.fillPolygon(new Polygon(new int[] {(int) (w * 0.35), w / 2, (int) (w * 0.65)},
                new int[] {(int) (h * 0.2), (int) (h * 0.05), (int) (h * 0.2)}, 3));
        g.setColor(new Color(250, 230, 120));
        for (int i = 0; i < 5; i++) {
            g.fillRect((int) (w * 0.47), (int) (h * (0.27 + i * 0.11)), (int) (w * 0.06), (int) (h * 0.05));
        }
        g.dispose();
        return image;
    }

    /** The stored form of a picture that orientation 6 (turn 90 degrees clockwise) displays upright. */
    private static BufferedImage storedForOrientation6(BufferedImage shown) {
        int w = shown.getWidth();
        int h = shown.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = stored.createGraphics();
        // counter-clockwise quarter turn: shown (x, y) lands at stored (y, w - x)
        g.drawImage(shown, new AffineTransform(0, -1, 1, 0, 0, w), null);
        g.dispose();
        return stored;
    }

    private static BufferedImage waves(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setPaint(new GradientPaint(0, 0, new Color(200, 230, 255), 0, h, new Color(0, 70, 130)));
        g.fillRect(0, 0, w, h);
        g.setStroke(new BasicStroke(h / 60f));
        for (int band = 0; band < 8; band++) {
            g.setColor(new Color(255, 255, 255, 90 + band * 15));
            int baseY = h / 4 + band * h / 11;
            int[] xs = new int[w / 8 + 1];
            int[] ys = new int[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i * 8;
                ys[i] = baseY + (int) (Math.sin((xs[i] + band * 40) / (w / 12.0)) * h / 40);
            }
            g.drawPolyline(xs, ys, xs.length);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage checkers(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        int cell = w / 8;
        for (int y = 0; y * cell < h; y++) {
            for (int x = 0; x * cell < w; x++) {
                g.setColor((x + y) % 2 == 0 ? new Color(240, 220, 180) : new Color(60, 110, 90));
                g.fillRect(x * cell, y * cell, cell, cell);
            }
        }
        Color[] discs = {new Color(220, 60, 60), new Color(60, 90, 220), new Color(240, 200, 40)};
        for (int i = 0; i < 3; i++) {
            g.setColor(discs[i]);
            g.fill(new Ellipse2D.Float(w * (0.15f + i * 0.27f), h * 0.35f, cell * 1.5f, cell * 1.5f));
        }
        g.dispose();
        return image;
    }

    private static BufferedImage nightSky(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setPaint(new GradientPaint(0, 0, new Color(5, 5, 25), 0, h, new Color(30, 40, 90)));
        g.fillRect(0, 0, w, h);
        Random random = new Random(42);
        g.setColor(new Color(255, 255, 230));
        for (int i = 0; i < 150; i++) {
            float r = 1.5f + random.nextFloat() * 2.5f;
            g.fill(new Ellipse2D.Float(random.nextInt(w), random.nextInt((int) (h * 0.8)), r, r));
        }
        g.setColor(new Color(245, 245, 210));
        g.fill(new Ellipse2D.Float(w * 0.7f, h * 0.12f, h * 0.16f, h * 0.16f));
        g.setColor(new Color(12, 14, 40));
        g.fill(new Ellipse2D.Float(w * 0.72f, h * 0.1f, h * 0.16f, h * 0.16f));
        g.setColor(new Color(15, 15, 20));
        g.fillRect(0, (int) (h * 0.88), w, h);
        g.dispose();
        return image;
    }

    private static BufferedImage forest(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setPaint(new GradientPaint(0, 0, new Color(250, 250, 220), 0, h, new Color(180, 210, 170)));
        g.fillRect(0, 0, w, h);
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            int x = random.nextInt(w);
            int base = (int) (h * (0.55 + random.nextFloat() * 0.4));
            int th = h / 4 + random.nextInt(h / 4);
            int tw = th / 3;
            g.setColor(new Color(20 + random.nextInt(40), 90 + random.nextInt(80), 40 + random.nextInt(40)));
            g.fillPolygon(new int[] {x - tw, x, x + tw}, new int[] {base, base - th, base}, 3);
            g.setColor(new Color(90, 60, 30));
            g.fillRect(x - tw / 8, base, tw / 4, h / 30);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage rings(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = smooth(image);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int n = 12;
        for (int i = n; i > 0; i--) {
            float r = Math.min(w, h) / 2f * i / n;
            g.setColor(Color.getHSBColor(i / (float) n, 0.6f, 0.95f));
            g.fill(new Ellipse2D.Float(w / 2f - r, h / 2f - r, 2 * r, 2 * r));
        }
        g.dispose();
        return image;
    }

    private static BufferedImage shapesWithAlpha(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = smooth(image);
        g.setComposite(AlphaComposite.Clear);
        g.fillRect(0, 0, w, h);
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(new Color(230, 50, 50, 200));
        g.fill(new Ellipse2D.Float(w * 0.1f, h * 0.15f, w * 0.4f, w * 0.4f));
        g.setColor(new Color(40, 120, 230, 160));
        g.fillRect((int) (w * 0.4), (int) (h * 0.3), (int) (w * 0.45), (int) (h * 0.5));
        g.setColor(new Color(40, 200, 90, 220));
        g.fillPolygon(new int[] {w / 2, (int) (w * 0.9), (int) (w * 0.6)},
                new int[] {(int) (h * 0.05), (int) (h * 0.2), (int) (h * 0.45)}, 3);
        g.dispose();
        return image;
    }
}
