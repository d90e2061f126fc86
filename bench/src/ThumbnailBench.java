import dev.photo.backend.core.image.ImageProcessor;
import dev.photo.backend.core.image.JpegDecoding;
import dev.photo.backend.core.image.ProcessedImage;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The Java side of bench/thumbnail-bench.sh: makes the test photos, times the processor, measures its heap and
 * computes SSIM. Run as a single-file program with the functions' classes on the class path.
 *
 * <pre>
 *   gen DIR                       photo-like 12 MP and 24 MP JPEGs (q90), a fine-lines chart, a 100 MP photo
 *   time DECODER REPS OUTDIR FILE...
 *                                 both thumbnails of each file, REPS times after one warm-up; median CPU and
 *                                 wall ms per file (CPU time: the machine is shared, and one thread is used);
 *                                 DECODER (libjpeg-turbo or java) reads the JPEGs; thumbnails are copied to
 *                                 OUTDIR as NAME_turbo256.jpg or NAME_java256.jpg
 *   heap DECODER FILE             process once, print the peak heap (run it under a small -Xmx)
 *   ssim REFERENCE IMAGE          mean SSIM of the luma, 11x11 Gaussian window (Wang et al. 2004)
 * </pre>
 */
public final class ThumbnailBench {

    private static final List<Integer> SIZES = List.of(256, 1024);
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> generate(Path.of(args[1]));
            case "time" -> time(decoding(args[1]), Integer.parseInt(args[2]), Path.of(args[3]),
                    Arrays.copyOfRange(args, 4, args.length));
            case "heap" -> heap(decoding(args[1]), Path.of(args[2]));
            case "ssim" -> System.out.printf("%.4f%n", ssim(read(args[1]), read(args[2])));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // --- data -------------------------------------------------------------------------------------------------------

    private static void generate(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int i = 1; i <= 3; i++) {
            writeJpeg(photo(4000, 3000, i), dir.resolve("photo12mp-" + i + ".jpg"), 0.9f, false);
            writeJpeg(photo(6000, 4000, 10 + i), dir.resolve("photo24mp-" + i + ".jpg"), 0.9f, false);
        }
        writeJpeg(lines(6000, 4000), dir.resolve("lines24mp.jpg"), 0.95f, false);
        BufferedImage huge = photo(12000, 8333, 99);
        writeJpeg(huge, dir.resolve("photo100mp.jpg"), 0.9f, false);
        writeJpeg(huge, dir.resolve("photo100mp-progressive.jpg"), 0.9f, true);
    }

    /**
     * Photo-like: smooth gradients and waves (sky, skin), sensor-like noise, hard-edged shapes with anti-aliased
     * borders and some fine texture, so that neither the encoder nor a scaler gets an easy flat image.
     */
    static BufferedImage photo(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        Random rnd = new Random(seed);
        double fx = 20 + rnd.nextInt(40);
        double fy = 30 + rnd.nextInt(40);
        long state = seed * 0x9E3779B97F4A7C15L;
        for (int y = 0; y < h; y++) {
            double gy = (double) y / h;
            for (int x = 0; x < w; x++) {
                double gx = (double) x / w;
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                int n = (int) ((state & 31) - 15) + (int) (((state >>> 8) & 15) - 7); // roughly triangular noise
                double wave = 25 * Math.sin(x / fx + 3 * gy) + 18 * Math.sin(y / fy);
                int i = (y * w + x) * 3;
                d[i] = (byte) clamp(200 - 150 * gx + n + wave * 0.5);
                d[i + 1] = (byte) clamp(70 + 120 * gx * gy + n + wave);
                d[i + 2] = (byte) clamp(50 + 170 * gy + n - wave * 0.7);
            }
        }
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int k = 0; k < 150; k++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 90 + rnd.nextInt(160)));
            int sx = rnd.nextInt(w);
            int sy = rnd.nextInt(h);
            int sw = 20 + rnd.nextInt(w / 8);
            int sh = 20 + rnd.nextInt(h / 8);
            if (k % 3 == 0) {
                g.fillOval(sx, sy, sw, sh);
            } else if (k % 3 == 1) {
                g.fillRect(sx, sy, sw, sh);
            } else {
                g.setStroke(new java.awt.BasicStroke(1 + rnd.nextInt(6)));
                g.drawLine(sx, sy, sx + sw * 3, sy + sh);
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Fine lines: a zone plate (rings whose frequency rises to the pixel limit at the edges) beside bands of 1-, 2-
     * and 3-pixel black and white lines, straight and at a slight angle. Any aliasing shows up as coarse rings and
     * bands that are not in the original.
     */
    static BufferedImage lines(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        double cx = w / 4.0;
        double cy = h / 2.0;
        double k = Math.PI / (2.0 * Math.min(cx, cy));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v;
                if (x < w / 2) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    v = (int) Math.round(127.5 + 127.5 * Math.cos(k * r2 / 2));
                } else {
                    int band = y * 6 / h;
                    int period = 2 + (band % 3) * 2;
                    double pos = band < 3 ? x : x + y * 0.08;
                    v = ((int) Math.floor(pos * 2 / period) & 1) == 0 ? 0 : 255;
                }
                int i = (y * w + x) * 3;
                d[i] = d[i + 1] = d[i + 2] = (byte) v;
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    private static void writeJpeg(BufferedImage img, Path out, float quality, boolean progressive) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        Files.deleteIfExists(out);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    // --- timing and memory --------------------------------------------------------------------------------------

    private static JpegDecoding decoding(String name) {
        return name.equals("java") ? JpegDecoding.JAVA : JpegDecoding.LIBJPEG_TURBO;
    }

    private static String label(JpegDecoding decoding) {
        return decoding == JpegDecoding.JAVA ? "java" : "turbo";
    }

    /** The processor for {@code decoding}, refusing to measure a silent fallback as if it were the native path. */
    private static ImageProcessor processor(JpegDecoding decoding) {
        ImageProcessor processor = new ImageProcessor(100_000_000L, SIZES, decoding);
        if (decoding == JpegDecoding.LIBJPEG_TURBO && !processor.jpegDecoder().startsWith("libjpeg-turbo")) {
            throw new IllegalStateException("native decoder not loaded: " + processor.jpegDecoder());
        }
        System.err.println("JPEG decoder: " + processor.jpegDecoder());
        return processor;
    }

    private static void time(JpegDecoding decoding, int reps, Path outDir, String[] files) throws Exception {
        ImageProcessor processor = processor(decoding);
        Files.createDirectories(outDir);
        Path scratch = Files.createTempDirectory("thumbnail-bench");
        processor.process(Path.of(files[0]), scratch); // warm-up: class loading and JIT, as a warm Lambda has done
        List<Long> all = new ArrayList<>();
        for (String f : files) {
            long[] ms = new long[reps];
            long[] process = new long[reps];
            long[] wall = new long[reps];
            ProcessedImage last = null;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                long c0 = THREADS.getCurrentThreadCpuTime();
                long p0 = PROCESS.getProcessCpuTime();
                last = processor.process(Path.of(f), scratch);
                ms[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1_000_000;
                // the whole JVM's CPU over the same call: the JIT and GC threads too, as a whole vips process counts
                process[r] = (PROCESS.getProcessCpuTime() - p0) / 1_000_000;
                wall[r] = (System.nanoTime() - t0) / 1_000_000;
            }
            Arrays.sort(ms);
            Arrays.sort(process);
            Arrays.sort(wall);
            String base = Path.of(f).getFileName().toString().replace(".jpg", "");
            for (var t : last.thumbnails()) {
                Files.copy(t.file(), outDir.resolve(base + "_" + label(decoding) + t.size() + ".jpg"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            all.add(ms[reps / 2]);
            System.out.printf("%s\t%d\t%d\t%s\t%d%n", base, ms[reps / 2], wall[reps / 2], Arrays.toString(ms),
                    process[reps / 2]);
        }
    }

    private static void heap(JpegDecoding decoding, Path file) throws Exception {
        ImageProcessor processor = processor(decoding);
        Path scratch = Files.createTempDirectory("thumbnail-bench");
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long t0 = System.nanoTime();
        ProcessedImage image = processor.process(file, scratch);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s\t%s\t%dx%d\t%d ms\tpeak heap %d MB\tmax heap %d MB%n", label(decoding),
                file.getFileName(), image.width(),
                image.height(), ms, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    // --- SSIM ---------------------------------------------------------------------------------------------------------

    private static BufferedImage read(String path) throws Exception {
        BufferedImage img = ImageIO.read(new File(path));
        if (img == null) {
            throw new IllegalArgumentException("cannot read " + path);
        }
        return img;
    }

    /** Mean SSIM over the common area (sizes may differ by a rounding pixel between tools). */
    static double ssim(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth());
        int h = Math.min(a.getHeight(), b.getHeight());
        double[] x = luma(a, w, h);
        double[] y = luma(b, w, h);
        double[] xx = new double[w * h];
        double[] yy = new double[w * h];
        double[] xy = new double[w * h];
        for (int i = 0; i < x.length; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mx = blur(x, w, h);
        double[] my = blur(y, w, h);
        double[] sxx = blur(xx, w, h);
        double[] syy = blur(yy, w, h);
        double[] sxy = blur(xy, w, h);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double sum = 0;
        int n = 0;
        // only where the whole window fits, as in the reference implementation
        for (int j = 5; j < h - 5; j++) {
            for (int i = 5; i < w - 5; i++) {
                int k = j * w + i;
                double vx = sxx[k] - mx[k] * mx[k];
                double vy = syy[k] - my[k] * my[k];
                double cxy = sxy[k] - mx[k] * my[k];
                sum += ((2 * mx[k] * my[k] + c1) * (2 * cxy + c2))
                        / ((mx[k] * mx[k] + my[k] * my[k] + c1) * (vx + vy + c2));
                n++;
            }
        }
        return sum / n;
    }

    private static double[] luma(BufferedImage img, int w, int h) {
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                out[y * w + x] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
            }
        }
        return out;
    }

    private static double[] blur(double[] v, int w, int h) {
        double[] k = new double[11];
        double s = 0;
        for (int i = 0; i < 11; i++) {
            k[i] = Math.exp(-((i - 5) * (i - 5)) / (2 * 1.5 * 1.5));
            s += k[i];
        }
        for (int i = 0; i < 11; i++) {
            k[i] /= s;
        }
        double[] tmp = new double[w * h];
        double[] out = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int t = -5; t <= 5; t++) {
                    acc += k[t + 5] * v[y * w + Math.max(0, Math.min(w - 1, x + t))];
                }
                tmp[y * w + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double acc = 0;
                for (int t = -5; t <= 5; t++) {
                    acc += k[t + 5] * tmp[Math.max(0, Math.min(h - 1, y + t)) * w + x];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }
}
