package dev.photo.backend.core.image;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Inspects an uploaded file and makes its thumbnails, with the JDK's ImageIO and the TwelveMonkeys plugins
 * (CMYK, YCCK and ICC-profiled JPEGs, WebP).
 *
 * <p>The order of the checks is the point: the format is sniffed from the bytes and must agree with the declared
 * type; the pixel dimensions (and an animation's frame count) are read from the header by {@link HeaderProbe},
 * without any decoder, and checked against the pixel cap, so a small file claiming a huge image costs nothing; only
 * then is the image decoded, once. Both thumbnails come from that one decode: it is box-reduced by an integer factor
 * to about twice the largest thumbnail (colour converted to sRGB there, on the small image),
 * turned by its EXIF orientation, and the largest size is made from it with a Lanczos filter, each smaller size from
 * the one above it. Thumbnails are written
 * without any metadata (no EXIF, GPS, maker notes or ICC profile: plain JFIF, which means sRGB).
 *
 * <p>Where libjpeg-turbo's library loads ({@link TurboJpeg}), a JPEG's largest thumbnail comes out of one native call:
 * decoded in the DCT domain at the smallest of 1/8, 1/4 and 1/2 that keeps about twice the largest thumbnail, as raw
 * sample planes, and resampled with the same Lanczos filter as the rows arrive, so the decode never reaches the heap;
 * it is then turned and colour-converted as a thumbnail, the smaller sizes are resampled in native code too, and all
 * are encoded by libjpeg-turbo (plain JFIF as well). CMYK and YCCK JPEGs are decoded to samples and take the box step.
 * Elsewhere, or with {@link JpegDecoding#JAVA}, everything is Java: the JDK's decoder reads every pixel (it cannot
 * scale in the DCT domain); a decode that would hold more than {@link #FULL_DECODE_PIXELS} pixels is then subsampled
 * at read time to bound the heap (only photos over 40 MP).
 *
 * <p>HEIC, HEIF, TIFF and camera raw files are accepted without dimensions or thumbnails: no decoder here reads them,
 * and the photo is still worth keeping and downloading. Their metadata is read where metadata-extractor can.
 */
public final class ImageProcessor {

    /** Largest decode held in memory at full resolution: 40 MP is 120 MB as 8-bit RGB. */
    static final long FULL_DECODE_PIXELS = 40_000_000L;

    /**
     * How much larger than the largest thumbnail the scaled decode stays: twice, as the box step's rule, less 5% so
     * that a 4000 px photo decodes at half size (2000 px for a 1024 thumbnail) instead of whole; the SSIM of its
     * thumbnails against a Lanczos reference is within 0.001 of the full-size route's (docs/benchmarks.md).
     */
    static final double DECODE_MARGIN = 1.9;

    private static final Logger LOG = LoggerFactory.getLogger(ImageProcessor.class);
    private static final int JPEG_QUALITY_PERCENT = 85;
    private static final float JPEG_QUALITY = JPEG_QUALITY_PERCENT / 100f;

    private final long maxPixels;
    private final List<Integer> sizes;
    private final Consumer<ImageFormat> beforeDecode;
    private final boolean turbo;

    /**
     * With the JPEG decoder {@link JpegDecoding#fromEnvironment()} names (libjpeg-turbo unless told otherwise).
     *
     * @param maxPixels      largest width*height that will be decoded
     * @param thumbnailSizes longest-side sizes of the thumbnails to make
     */
    public ImageProcessor(long maxPixels, List<Integer> thumbnailSizes) {
        this(maxPixels, thumbnailSizes, JpegDecoding.fromEnvironment());
    }

    /** @param jpegs which decoder reads JPEGs; libjpeg-turbo falls back to the JDK's where it cannot load */
    public ImageProcessor(long maxPixels, List<Integer> thumbnailSizes, JpegDecoding jpegs) {
        this(maxPixels, thumbnailSizes, jpegs, format -> { });
    }

    /** @param beforeDecode told just before each decode; lets tests prove what is never decoded */
    ImageProcessor(long maxPixels, List<Integer> thumbnailSizes, Consumer<ImageFormat> beforeDecode) {
        this(maxPixels, thumbnailSizes, JpegDecoding.fromEnvironment(), beforeDecode);
    }

    ImageProcessor(long maxPixels, List<Integer> thumbnailSizes, JpegDecoding jpegs,
                   Consumer<ImageFormat> beforeDecode) {
        if (thumbnailSizes.isEmpty() || thumbnailSizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("thumbnail sizes must be positive and at least one");
        }
        this.maxPixels = maxPixels;
        this.sizes = List.copyOf(new TreeSet<>(thumbnailSizes));
        this.beforeDecode = beforeDecode;
        this.turbo = jpegs == JpegDecoding.LIBJPEG_TURBO && TurboJpeg.available();
    }

    /** The JPEG decoder this processor uses, for logs and benchmarks: libjpeg-turbo's version, or the JDK's. */
    public String jpegDecoder() {
        return turbo ? TurboJpeg.status() : "JDK ImageIO (" + TurboJpeg.status() + ")";
    }

    /** {@link #process(Path, Path, String)} with no declared type to check against. */
    public ProcessedImage process(Path file, Path outDir) throws ImageRejectedException, IOException {
        return process(file, outDir, null);
    }

    /**
     * Inspects {@code file} and writes one JPEG thumbnail per configured size into {@code outDir}.
     *
     * @param declaredType the content type the uploader declared; when given, the sniffed format must agree with it
     * @throws ImageRejectedException when the content is not an accepted image, is not what was declared, exceeds
     *                                the pixel cap, or cannot be decoded; its reason is fit to show the photo's owner
     * @throws IOException            when the local files cannot be read or written (not the content's fault)
     */
    public ProcessedImage process(Path file, Path outDir, String declaredType)
            throws ImageRejectedException, IOException {
        ImageFormat format = sniff(file)
                .orElseThrow(() -> new ImageRejectedException("not an image (or not a supported format)"));
        String declared = declaredType == null ? null : declaredType.trim().toLowerCase(Locale.ROOT);
        if (declared != null && !format.agreesWith(declared)) {
            throw new ImageRejectedException("content is " + format.name() + " but was declared " + declared);
        }
        String recordedType = format.recordedType(declared);
        if (!format.decodable()) {
            ExifInfo exif = ExifReader.read(file);
            return new ProcessedImage(format, recordedType, null, null, exif.takenAt(), exif.camera(),
                    exif.metadata().withNote(ImageMetadata.UNSUPPORTED_NOTE), List.of());
        }
        HeaderProbe.Header header = HeaderProbe.probe(format, file, maxPixels);
        ExifInfo exif = format == ImageFormat.GIF ? ExifInfo.NONE : ExifReader.read(file);
        int width = header.width();
        int height = header.height();
        int shownWidth = exif.swapsAxes() ? height : width;
        int shownHeight = exif.swapsAxes() ? width : height;
        int largest = sizes.get(sizes.size() - 1);
        BufferedImage oriented = null;
        if (turbo && format == ImageFormat.JPEG) {
            // the common case: decoded and resampled to the largest thumbnail in one native call
            oriented = decodeResized(file, header, exif, fitted(shownWidth, shownHeight, largest));
        }
        if (oriented == null) {
            BufferedImage decoded;
            if (turbo && format == ImageFormat.JPEG) {
                decoded = decodeScaled(file, header);
            } else {
                try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
                    ImageReader reader = reader(format, in);
                    try {
                        decoded = decode(format, reader, header);
                    } finally {
                        reader.dispose();
                    }
                }
            }
            BufferedImage base = reduceForLargest(decoded, width, height);
            decoded = null; // the full decode may be most of the heap; let it go before the thumbnails are made
            oriented = Orientation.applyOpaque(base, exif.orientation());
        }
        // largest first, each smaller size from the one before it: a quarter of the work, and the same filter
        List<Thumbnail> thumbnails = new ArrayList<>();
        BufferedImage from = oriented;
        for (int i = sizes.size() - 1; i >= 0; i--) {
            Scaled made = thumbnail(from, fitted(shownWidth, shownHeight, sizes.get(i)), sizes.get(i), outDir);
            thumbnails.add(0, made.thumbnail());
            from = made.image();
        }
        return new ProcessedImage(format, recordedType, shownWidth, shownHeight, exif.takenAt(), exif.camera(),
                exif.metadata(), thumbnails);
    }

    /**
     * The largest thumbnail straight from libjpeg-turbo ({@link TurboJpeg#decodeResized}): decoded at the same scale
     * as {@link #decodeScaled}, resampled in the stored orientation (a turn or mirror commutes with the separable
     * filter) and only then turned, so Java never holds more than the thumbnail. Null for the few JPEGs that path
     * does not take (CMYK, YCCK), which the caller decodes the ordinary way.
     */
    private BufferedImage decodeResized(Path file, HeaderProbe.Header header, ExifInfo exif, Dimensions shown)
            throws ImageRejectedException, IOException {
        if (header.components() != 1 && header.components() != 3) {
            return null;
        }
        int scale = nativeScale(header.width(), header.height());
        beforeDecode.accept(ImageFormat.JPEG);
        Optional<BufferedImage> stored;
        try {
            stored = exif.swapsAxes()
                    ? TurboJpeg.decodeResized(file, header, scale, shown.height(), shown.width())
                    : TurboJpeg.decodeResized(file, header, scale, shown.width(), shown.height());
        } catch (OutOfMemoryError e) {
            throw new ImageRejectedException("damaged image: decoding it needs more memory than it should", e);
        }
        return stored.map(image -> orient(image, exif.orientation())).orElse(null);
    }

    /** The image as displayed; the stored image itself when its orientation is the identity. */
    private static BufferedImage orient(BufferedImage stored, int orientation) {
        boolean identity = orientation < 2 || orientation > 8;
        return identity && stored.getType() == BufferedImage.TYPE_INT_RGB ? stored
                : Orientation.applyOpaque(stored, orientation);
    }

    /**
     * Decodes the first image, at full resolution unless that would exceed {@link #FULL_DECODE_PIXELS}; then at the
     * smallest read-time subsampling that fits (which point-samples, the price of a bounded heap on huge photos).
     */
    private BufferedImage decode(ImageFormat format, ImageReader reader, HeaderProbe.Header header)
            throws ImageRejectedException {
        long pixels = (long) header.width() * header.height();
        int largest = sizes.get(sizes.size() - 1);
        int step = 1;
        while (pixels / ((long) step * step) > FULL_DECODE_PIXELS
                && Math.max(header.width(), header.height()) / (step + 1) >= largest) {
            step++;
        }
        ImageReadParam param = reader.getDefaultReadParam();
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        beforeDecode.accept(format);
        BufferedImage image;
        try {
            image = plainCmyk(format, header) ? Reducer.cmykImage(reader.readRaster(0, param))
                    : reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException("damaged or truncated image: its pixels cannot be decoded", e);
        } catch (OutOfMemoryError e) {
            // the header was within the cap, so this is a decoder's internal blow-up on hostile data
            throw new ImageRejectedException("damaged image: decoding it needs more memory than it should", e);
        }
        // libjpeg only warns about a short file and fills the rest with grey; that is a damaged upload.
        for (String warning : warnings) {
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                throw new ImageRejectedException("truncated image: the file ends before its pixels do");
            }
            LOG.debug("decoder warning: {}", warning);
        }
        int expectedWidth = (header.width() + step - 1) / step;
        int expectedHeight = (header.height() + step - 1) / step;
        if (image == null || image.getWidth() != expectedWidth || image.getHeight() != expectedHeight) {
            throw new ImageRejectedException("damaged image: its pixels do not match its header");
        }
        return image;
    }

    /**
     * Decodes a JPEG with libjpeg-turbo at the smallest of 1/8, 1/4 and 1/2 whose longest side still keeps about twice
     * the largest thumbnail (the box step's rule: the Lanczos filter that follows needs that margin to keep fine
     * detail from aliasing), or at full size when no reduction keeps it. The file is read whole: the header has passed
     * the pixel cap, and compressed data is a small part of what the decode holds.
     */
    private BufferedImage decodeScaled(Path file, HeaderProbe.Header header) throws ImageRejectedException,
            IOException {
        int scale = nativeScale(header.width(), header.height());
        byte[] jpeg = Files.readAllBytes(file);
        beforeDecode.accept(ImageFormat.JPEG);
        try {
            return TurboJpeg.decode(jpeg, header, scale);
        } catch (OutOfMemoryError e) {
            throw new ImageRejectedException("damaged image: decoding it needs more memory than it should", e);
        }
    }

    /**
     * The n of the n/8 scale {@link #decodeScaled} decodes at: 1, 2, 4 or 8, the scales libjpeg-turbo has vector
     * code for (3/8 measured no cheaper than 4/8 here, and it blurred the fine-lines chart more). The smallest whose
     * longest side keeps {@link #DECODE_MARGIN} times the largest thumbnail.
     */
    int nativeScale(int width, int height) {
        int longest = Math.max(width, height);
        double needed = DECODE_MARGIN * Math.min(sizes.get(sizes.size() - 1), longest);
        int scale = 8;
        while (scale > 1 && TurboJpeg.scaledSide(longest, scale / 2) >= needed) {
            scale /= 2;
        }
        // only a very elongated image still exceeds the bound at the scale that keeps its longest side
        while (scale > 1 && (long) TurboJpeg.scaledSide(width, scale) * TurboJpeg.scaledSide(height, scale)
                > FULL_DECODE_PIXELS) {
            scale /= 2;
        }
        return scale;
    }

    /**
     * A four-component JPEG without an Adobe marker is CMYK as libjpeg writes it (not inverted); the JDK guesses
     * YCbCr with alpha for it, so its raw samples are read instead and converted as CMYK.
     */
    private static boolean plainCmyk(ImageFormat format, HeaderProbe.Header header) {
        return format == ImageFormat.JPEG && header.components() == 4 && !header.adobe();
    }

    /**
     * The decode box-reduced, in sRGB, to no less than twice the largest thumbnail. A box filter alone aliases (its
     * stop band is weak: fine lines come out as moiré bands, a zone plate grows ghost rings), so it only takes the
     * bulk of the pixels away cheaply; the Lanczos filter that follows does the low-pass that matters.
     */
    private BufferedImage reduceForLargest(BufferedImage decoded, int width, int height) {
        int largest = Math.min(sizes.get(sizes.size() - 1), Math.max(width, height));
        int longestDecoded = Math.max(decoded.getWidth(), decoded.getHeight());
        int factor = Math.max(1, longestDecoded / (2 * largest));
        return Reducer.reduce(decoded, factor);
    }

    private record Scaled(Thumbnail thumbnail, BufferedImage image) {
    }

    private record Dimensions(int width, int height) {
    }

    /** A thumbnail's size: the longest side {@code size} (never more than the photo's), the other in proportion. */
    private static Dimensions fitted(int fullWidth, int fullHeight, int size) {
        int longest = Math.max(fullWidth, fullHeight);
        int target = Math.min(size, longest);
        int w = fullWidth >= fullHeight ? target : scaledSide(fullWidth, target, longest);
        int h = fullWidth >= fullHeight ? scaledSide(fullHeight, target, longest) : target;
        return new Dimensions(w, h);
    }

    private Scaled thumbnail(BufferedImage oriented, Dimensions dims, int size, Path outDir) throws IOException {
        int w = dims.width();
        int h = dims.height();
        Path out = outDir.resolve(size + ".jpg");
        BufferedImage scaled;
        if (turbo) {
            // where the native library loads, its vectorised resampler and libjpeg-turbo's encoder: the same filter,
            // and the same plain JFIF output, in a fraction of the time
            scaled = TurboJpeg.resample(oriented, w, h);
            Files.write(out, TurboJpeg.encode(scaled, JPEG_QUALITY_PERCENT));
        } else {
            scaled = Resampler.scale(oriented, w, h);
            writeJpeg(scaled, out);
        }
        return new Scaled(new Thumbnail(size, out, w, h), scaled);
    }

    private static int scaledSide(int side, int target, int longest) {
        return Math.max(1, (int) Math.round((double) side * target / longest));
    }

    /** Plain JFIF: the JDK writer adds no EXIF, no ICC profile, nothing of the original. */
    private static void writeJpeg(BufferedImage image, Path out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer available");
        }
        ImageWriter writer = writers.next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        Files.deleteIfExists(out);
        try (ImageOutputStream stream = new FileImageOutputStream(out.toFile())) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static Optional<ImageFormat> sniff(Path file) throws IOException {
        byte[] head = new byte[FormatSniffer.HEAD_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return FormatSniffer.sniff(head, n);
    }

    private static ImageReader reader(ImageFormat format, ImageInputStream in) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
        if (!readers.hasNext()) {
            throw new IOException("no ImageIO reader for " + format.contentType());
        }
        ImageReader reader = readers.next();
        // Forward-only; metadata stays available to the plugin, which needs the Adobe and ICC markers for colour.
        reader.setInput(in, true, false);
        return reader;
    }
}
