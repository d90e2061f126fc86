package dev.photo.backend.core.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JPEG decoding through libjpeg-turbo, scaled in the DCT domain (at 1/8 scale a block's IDCT yields one pixel instead
 * of 64, so a 24 MP photo read at 1/2 never holds 24 M pixels), and the thumbnails' native half: the decode resampled
 * straight to a thumbnail ({@link #decodeResized}), the Lanczos filter ({@link #resample}) and libjpeg-turbo's encoder
 * ({@link #encode}). The resizing decode reads a baseline scan with the shim's own Huffman decoder ({@code entropy.c}),
 * which costs about a fifth less than libjpeg's and gives its pixels (EntropyDecoderTest holds the two together).
 *
 * <p>The library travels inside the jar, under {@code native/<os>-<arch>/} (the JNI shim {@code libphotojpeg.so},
 * built from {@code src/main/native}, and the {@code libjpeg.so.62} it links to), and is copied to a private
 * temporary directory and loaded on first use, the way sqlite-jdbc loads its own. Only linux-x86_64 is built;
 * anywhere else {@link #available()} is false and the processor uses the JDK's decoder.
 *
 * <p>Safety does not depend on libjpeg: the caller has checked the header's dimensions against the pixel cap and
 * sized the output from them; the shim refuses any other output size, turns the warnings for an early end and for
 * corrupt compressed data into errors (the JDK's decoder only warns of those and paints the rest grey),
 * caps progressive scans, and returns libjpeg's fatal errors as values (setjmp/longjmp, never an abort).
 */
final class TurboJpeg {

    /** As libjpeg-turbo's own TurboJPEG API limits them: far more than any encoder writes. */
    static final int MAX_SCANS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TurboJpeg.class);
    private static final String SHIM = "libphotojpeg.so";
    private static final String LIBJPEG = "libjpeg.so.62";
    private static final AtomicLong DECODES = new AtomicLong();
    private static final Loaded LOADED = load();

    private record Loaded(boolean ok, String status) {
    }

    private TurboJpeg() {
    }

    /** Whether the native library is loaded on this platform. */
    static boolean available() {
        return LOADED.ok();
    }

    /** One line for logs and benchmarks: the libjpeg-turbo version loaded, or why it is not. */
    static String status() {
        return LOADED.status();
    }

    /** Native decodes since start (tests check that the native path really ran). */
    static long decodes() {
        return DECODES.get();
    }

    /** {@code linux-x86_64}, {@code linux-aarch64}, ...: the resource folder the library is looked up in. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osKey = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "mac" : os.replace(' ', '_');
        String archKey = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        return osKey + "-" + archKey;
    }

    private static Loaded load() {
        String folder = "/native/" + platform() + "/";
        if (TurboJpeg.class.getResource(folder + SHIM) == null) {
            LOG.info("no libjpeg-turbo build for {} in the jar; JPEGs are decoded by the JDK", platform());
            return new Loaded(false, "no libjpeg-turbo build for " + platform() + " in the jar; JDK decoder");
        }
        try {
            Path dir = Files.createTempDirectory("photo-jpeg");
            dir.toFile().deleteOnExit();
            // libjpeg first, into the same folder: the shim finds it there by its $ORIGIN run path
            Path libjpeg = copy(folder + LIBJPEG, dir.resolve(LIBJPEG));
            Path shim = copy(folder + SHIM, dir.resolve(SHIM));
            System.load(libjpeg.toString());
            System.load(shim.toString());
            int v = version();
            String status = String.format(Locale.ROOT, "libjpeg-turbo %d.%d.%d (%s)", v / 1_000_000,
                    v / 1000 % 1000, v % 1000, platform());
            LOG.debug("JPEG decoder: {}", status);
            return new Loaded(true, status);
        } catch (IOException | LinkageError | SecurityException e) {
            LOG.warn("libjpeg-turbo could not be loaded ({}); JPEGs are decoded by the JDK", e.toString());
            return new Loaded(false, "libjpeg-turbo failed to load: " + e);
        }
    }

    private static Path copy(String resource, Path to) throws IOException {
        try (InputStream in = TurboJpeg.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
        to.toFile().deleteOnExit();
        return to;
    }

    /**
     * Decodes {@code jpeg} at {@code scaleNum}/8 of its size into an image the {@link Reducer} understands: 8-bit
     * grey, RGB (in the file's embedded ICC colour space, if it has a usable one) or CMYK (ink amounts, Adobe's
     * inverted storage undone).
     *
     * @param header the dimensions and components read by {@link HeaderProbe}, already within the pixel cap
     */
    static BufferedImage decode(byte[] jpeg, HeaderProbe.Header header, int scaleNum) throws ImageRejectedException {
        int components = header.components();
        int width = scaledSide(header.width(), scaleNum);
        int height = scaledSide(header.height(), scaleNum);
        long bytes = (long) width * height * components;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("decode too large for one array: " + width + "x" + height);
        }
        ColorSpace space = colorSpace(jpeg, components);
        DECODES.incrementAndGet();
        if (components == 3 && space.isCS_sRGB()) {
            // the common case: straight into the layout the resampler reads, nothing left for the reducer to do
            BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
            String error = decodeIntRgb(jpeg, jpeg.length, scaleNum, pixels, width, height, MAX_SCANS);
            if (error != null) {
                throw rejection(error);
            }
            return rgb;
        }
        byte[] out = new byte[(int) bytes];
        String error = decode(jpeg, jpeg.length, scaleNum, components, out, width, height, MAX_SCANS);
        if (error != null) {
            throw rejection(error);
        }
        if (components == 4 && header.adobe()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ~out[i];
            }
        }
        int[] offsets = components == 1 ? new int[] {0} : components == 3 ? new int[] {0, 1, 2}
                : new int[] {0, 1, 2, 3};
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(out, out.length), width, height,
                width * components, components, offsets, null);
        ComponentColorModel cm = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * Decodes a one- or three-component JPEG at {@code scaleNum}/8 and resamples it, still in native code, straight to
     * {@code width x height} with the {@link Resampler}'s Lanczos filter: the decoded planes (luma and the two chroma
     * planes, before any colour conversion) never reach the Java heap and the colour conversion runs on the small
     * image only. The result is opaque sRGB; a photo with an embedded RGB profile (Display P3, Adobe RGB) is resampled
     * as stored and converted on the small image, as the {@link Reducer} does.
     *
     * @param header the dimensions and components read by {@link HeaderProbe}, already within the pixel cap
     * @return the image, or empty when this file's colour transform is not one this path does (the caller decodes it
     *         with {@link #decode} instead)
     */
    static Optional<BufferedImage> decodeResized(Path file, HeaderProbe.Header header, int scaleNum, int width,
                                                 int height) throws ImageRejectedException, IOException {
        int components = header.components();
        if (components != 1 && components != 3) {
            return Optional.empty();
        }
        String path = file.toAbsolutePath().toString();
        // the native side opens the file by its modified-UTF-8 name, which is the file's name only for plain ASCII
        byte[] head = path.chars().allMatch(c -> c > 0 && c < 0x80) ? head(file) : null;
        if (head == null) {
            return decodeResized(Files.readAllBytes(file), header, scaleNum, width, height);
        }
        ColorSpace space = components == 3 ? colorSpace(head, components) : null;
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        DECODES.incrementAndGet();
        String error = decodeResizedFile(path, Files.size(file), scaleNum, components,
                scaledSide(header.width(), scaleNum), scaledSide(header.height(), scaleNum), MAX_SCANS, pixels, width,
                height);
        return finish(error, rgb, space);
    }

    /** The same for a JPEG already in memory. */
    static Optional<BufferedImage> decodeResized(byte[] jpeg, HeaderProbe.Header header, int scaleNum, int width,
                                                 int height) throws ImageRejectedException, IOException {
        return decodeResized(jpeg, header, scaleNum, width, height, false);
    }

    /**
     * The same, with the scan read by libjpeg's own Huffman decoder when {@code libjpegEntropy} is set instead of the
     * shim's faster one (entropy.c): tests compare the two, which must give the same pixels for every file.
     */
    static Optional<BufferedImage> decodeResized(byte[] jpeg, HeaderProbe.Header header, int scaleNum, int width,
                                                 int height, boolean libjpegEntropy)
            throws ImageRejectedException, IOException {
        int components = header.components();
        if (components != 1 && components != 3) {
            return Optional.empty();
        }
        ColorSpace space = components == 3 ? colorSpace(jpeg, components) : null;
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        DECODES.incrementAndGet();
        String error = decodeResized(jpeg, jpeg.length, scaleNum, components, scaledSide(header.width(), scaleNum),
                scaledSide(header.height(), scaleNum), MAX_SCANS, pixels, width, height, libjpegEntropy);
        return finish(error, rgb, space);
    }

    private static Optional<BufferedImage> finish(String error, BufferedImage rgb, ColorSpace space)
            throws ImageRejectedException, IOException {
        if (error != null) {
            if (error.startsWith("UNSUPPORTED:")) {
                return Optional.empty();
            }
            if (error.startsWith("IO:")) {
                throw new IOException("libjpeg-turbo: " + error.substring(3));
            }
            throw rejection(error);
        }
        return Optional.of(space == null || space.isCS_sRGB() ? rgb : Reducer.toSrgb(rgb, space));
    }

    /** How far {@link #head} reads for the segments before the first scan; a larger header reads the file whole. */
    static final int HEAD_LIMIT = 1 << 20;

    /**
     * The file's bytes up to its first scan (the segments that carry the ICC profile), or null when they run past
     * {@link #HEAD_LIMIT}. A file that ends inside them, or whose segments do not parse, gives what was read: the
     * decoder refuses such a file with the right reason.
     */
    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n = in.readNBytes(buffer, 0, buffer.length);
            while (true) {
                int end = segmentsEnd(buffer, n);
                if (end >= 0) {
                    return java.util.Arrays.copyOf(buffer, end);
                }
                if (n < buffer.length) {
                    return java.util.Arrays.copyOf(buffer, n);
                }
                if (buffer.length >= HEAD_LIMIT) {
                    return null;
                }
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                n += in.readNBytes(buffer, n, buffer.length - n);
            }
        }
    }

    /** Where the marker walk from the SOI stops (the first scan, or what does not parse); -1 when past {@code n}. */
    private static int segmentsEnd(byte[] jpeg, int n) {
        int p = 2;
        while (p + 4 <= n && (jpeg[p] & 0xFF) == 0xFF) {
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return p;
            }
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (length < 2) {
                return p;
            }
            if (p + 2 + length > n) {
                return -1;
            }
            p += 2 + length;
        }
        return p + 4 <= n ? p : -1;
    }

    /** {@link Resampler#scale} in native code: the same filter, vectorised. {@code source} is TYPE_INT_RGB. */
    static BufferedImage resample(BufferedImage source, int width, int height) {
        int sw = source.getWidth();
        int sh = source.getHeight();
        if (sw == width && sh == height) {
            return source;
        }
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        String error = resample(((DataBufferInt) source.getRaster().getDataBuffer()).getData(), sw, sh,
                ((DataBufferInt) result.getRaster().getDataBuffer()).getData(), width, height);
        if (error != null) {
            // only a C heap exhausted by a few MB: the JVM is in trouble anyway
            throw new OutOfMemoryError("native resampler: " + error);
        }
        return result;
    }

    /**
     * Encodes a TYPE_INT_RGB image with libjpeg-turbo as plain JFIF (sRGB by definition): baseline, 4:2:0, the
     * standard tables at {@code quality}, and no other marker: no EXIF, no ICC profile, nothing of the original.
     */
    static byte[] encode(BufferedImage rgb, int quality) throws IOException {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("encode takes TYPE_INT_RGB, not type " + rgb.getType());
        }
        byte[] jpeg = encode(((DataBufferInt) rgb.getRaster().getDataBuffer()).getData(), rgb.getWidth(),
                rgb.getHeight(), quality);
        if (jpeg == null) {
            throw new IOException("libjpeg-turbo could not encode a " + rgb.getWidth() + "x" + rgb.getHeight()
                    + " thumbnail");
        }
        return jpeg;
    }

    /** libjpeg's output size at {@code scaleNum}/8: rounded up, as jpeg_core_output_dimensions computes it. */
    static int scaledSide(int side, int scaleNum) {
        return (int) (((long) side * scaleNum + 7) / 8);
    }

    private static ImageRejectedException rejection(String error) {
        String code = error.substring(0, Math.max(0, error.indexOf(':')));
        LOG.debug("libjpeg-turbo: {}", error);
        return new ImageRejectedException(switch (code) {
            case "EOF" -> "truncated image: the file ends before its pixels do";
            case "CORRUPT" -> "damaged image: its compressed data is corrupt";
            case "MEM" -> "damaged image: decoding it needs more memory than it should";
            case "SCANS" -> "damaged image: more than " + MAX_SCANS + " progressive scans";
            default -> "damaged or truncated image: its pixels cannot be decoded";
        });
    }

    /**
     * The colour space the samples are in: the embedded ICC profile when it matches the components and Java can
     * use it, otherwise sRGB, grey or a generic CMYK (what the JDK path assumes too). A broken profile is not a
     * reason to refuse a photo whose pixels are fine.
     */
    private static ColorSpace colorSpace(byte[] jpeg, int components) {
        byte[] icc = iccProfile(jpeg);
        if (icc != null) {
            try {
                ColorSpace embedded = ColorSpaces.createColorSpace(ICC_Profile.getInstance(icc));
                int type = components == 3 ? ColorSpace.TYPE_RGB : components == 4 ? ColorSpace.TYPE_CMYK : -1;
                if (embedded.getType() == type) {
                    return embedded;
                }
            } catch (RuntimeException e) { // IllegalArgumentException, CMMException, ProfileDataException
                LOG.debug("unusable ICC profile ignored: {}", e.toString());
            }
        }
        return switch (components) {
            case 1 -> ColorSpace.getInstance(ColorSpace.CS_GRAY);
            case 3 -> ColorSpace.getInstance(ColorSpace.CS_sRGB);
            default -> ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        };
    }

    /**
     * The ICC profile from the APP2 {@code ICC_PROFILE} segments before the first scan, its chunks joined in their
     * sequence order; null when there is none or the chunks do not add up.
     */
    static byte[] iccProfile(byte[] jpeg) {
        byte[] tag = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
        byte[][] chunks = null;
        int p = 2;
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
            int marker = jpeg[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if (length < 2 || p + 2 + length > jpeg.length) {
                break;
            }
            int body = p + 4;
            int bodyLength = length - 2;
            if (marker == 0xE2 && bodyLength > tag.length + 2 && startsWith(jpeg, body, tag)) {
                int seq = jpeg[body + tag.length] & 0xFF;
                int count = jpeg[body + tag.length + 1] & 0xFF;
                if (chunks == null) {
                    chunks = new byte[Math.max(count, 1)][];
                }
                if (count != chunks.length || seq < 1 || seq > count || chunks[seq - 1] != null) {
                    return null;
                }
                int from = body + tag.length + 2;
                chunks[seq - 1] = java.util.Arrays.copyOfRange(jpeg, from, body + bodyLength);
            }
            p += 2 + length;
        }
        if (chunks == null) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            if (chunk == null) {
                return null;
            }
            joined.writeBytes(chunk);
        }
        return joined.toByteArray();
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static native int version();

    /** Null on success (out holds the pixels), else {@code CODE:detail}; see photojpeg.c. */
    private static native String decode(byte[] jpeg, int length, int scaleNum, int components, byte[] out,
                                        int width, int height, int maxScans);

    /** The same for three components, as {@link BufferedImage#TYPE_INT_RGB} pixels. */
    private static native String decodeIntRgb(byte[] jpeg, int length, int scaleNum, int[] out, int width,
                                              int height, int maxScans);

    /**
     * Decodes at scaleNum/8 (decodedWidth x decodedHeight) and resamples to outWidth x outHeight into out; the scan
     * is read by entropy.c unless libjpegEntropy is set.
     */
    private static native String decodeResized(byte[] jpeg, int length, int scaleNum, int components,
                                               int decodedWidth, int decodedHeight, int maxScans, int[] out,
                                               int outWidth, int outHeight, boolean libjpegEntropy);

    /** The same for a file, which the native side maps into memory; expectedLength guards against a change. */
    private static native String decodeResizedFile(String path, long expectedLength, int scaleNum, int components,
                                                   int decodedWidth, int decodedHeight, int maxScans, int[] out,
                                                   int outWidth, int outHeight);

    private static native String resample(int[] src, int srcWidth, int srcHeight, int[] out, int outWidth,
                                          int outHeight);

    /** The JFIF file, or null when the arguments do not fit or memory runs out. */
    private static native byte[] encode(int[] pixels, int width, int height, int quality);
}
