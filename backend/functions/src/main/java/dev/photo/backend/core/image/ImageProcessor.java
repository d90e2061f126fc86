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
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
 * (CMYK and odd JPEGs, WebP).
 *
 * <p>The order of the checks is the point: the format is sniffed from the bytes; the pixel dimensions are read
 * from the header alone and checked against the pixel cap before anything is decoded, so a small file claiming
 * a huge image (a decompression bomb) costs nothing; then the image is decoded once, subsampled at read time to
 * just above the largest thumbnail, turned by its EXIF orientation, flattened onto white and scaled down.
 * Thumbnails are written without any metadata, so no EXIF or GPS data leaves the original.
 *
 * <p>HEIC and HEIF are accepted without dimensions or thumbnails: the JDK has no HEVC decoder and the photo is
 * still worth keeping and downloading.
 */
public final class ImageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ImageProcessor.class);
    private static final float JPEG_QUALITY = 0.85f;

    private final long maxPixels;
    private final List<Integer> sizes;
    private final Consumer<ImageFormat> beforeDecode;

    /**
     * @param maxPixels      largest width*height that will be decoded
     * @param thumbnailSizes longest-side sizes of the thumbnails to make
     */
    public ImageProcessor(long maxPixels, List<Integer> thumbnailSizes) {
        this(maxPixels, thumbnailSizes, format -> { });
    }

    /** @param beforeDecode told just before each full decode; lets tests prove what is never decoded */
    ImageProcessor(long maxPixels, List<Integer> thumbnailSizes, Consumer<ImageFormat> beforeDecode) {
        if (thumbnailSizes.isEmpty() || thumbnailSizes.stream().anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("thumbnail sizes must be positive and at least one");
        }
        this.maxPixels = maxPixels;
        this.sizes = List.copyOf(new TreeSet<>(thumbnailSizes));
        this.beforeDecode = beforeDecode;
    }

    /**
     * Inspects {@code file} and writes one JPEG thumbnail per configured size into {@code outDir}.
     *
     * @throws ImageRejectedException when the content is not an accepted image, exceeds the pixel cap, or cannot
     *                                be decoded; its reason is fit to show the photo's owner
     * @throws IOException            when the local files cannot be read or written (not the content's fault)
     */
    public ProcessedImage process(Path file, Path outDir) throws ImageRejectedException, IOException {
        ImageFormat format = sniff(file)
                .orElseThrow(() -> new ImageRejectedException("not an image (or not a supported format)"));
        if (!format.decodable()) {
            ExifInfo exif = ExifReader.read(file);
            return new ProcessedImage(format, null, null, exif.takenAt(), exif.camera(), List.of());
        }
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = reader(format, in);
            try {
                return process(format, reader, file, outDir);
            } finally {
                reader.dispose();
            }
        }
    }

    private ProcessedImage process(ImageFormat format, ImageReader reader, Path file, Path outDir)
            throws ImageRejectedException, IOException {
        int width;
        int height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException("damaged image: its header cannot be read", e);
        }
        if (width < 1 || height < 1) {
            throw new ImageRejectedException("damaged image: it claims no pixels");
        }
        if ((long) width * height > maxPixels) {
            throw new ImageRejectedException(String.format(Locale.ROOT,
                    "image is %d x %d pixels, more than the limit of %d pixels", width, height, maxPixels));
        }
        ExifInfo exif = ExifReader.read(file);
        BufferedImage decoded = decode(format, reader, Math.max(width, height));
        BufferedImage oriented = Orientation.applyOpaque(decoded, exif.orientation());
        int shownWidth = exif.swapsAxes() ? height : width;
        int shownHeight = exif.swapsAxes() ? width : height;
        List<Thumbnail> thumbnails = new ArrayList<>();
        for (int size : sizes) {
            thumbnails.add(thumbnail(oriented, shownWidth, shownHeight, size, outDir));
        }
        return new ProcessedImage(format, shownWidth, shownHeight, exif.takenAt(), exif.camera(), thumbnails);
    }

    /**
     * Decodes every {@code n}-th pixel and row only, with {@code n} as large as it can be while the result still
     * covers the largest thumbnail: far less memory, and for large photos markedly faster.
     */
    private BufferedImage decode(ImageFormat format, ImageReader reader, int longest) throws ImageRejectedException {
        int largestNeeded = Math.min(sizes.get(sizes.size() - 1), longest);
        int step = Math.max(1, longest / largestNeeded);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        beforeDecode.accept(format);
        BufferedImage image;
        try {
            image = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException("damaged or truncated image: its pixels cannot be decoded", e);
        }
        // libjpeg only warns about a short file and fills the rest with grey; that is a damaged upload.
        for (String warning : warnings) {
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                throw new ImageRejectedException("truncated image: the file ends before its pixels do");
            }
            LOG.debug("decoder warning: {}", warning);
        }
        return image;
    }

    private static Thumbnail thumbnail(BufferedImage oriented, int fullWidth, int fullHeight, int size, Path outDir)
            throws IOException {
        int longest = Math.max(fullWidth, fullHeight);
        int target = Math.min(size, longest);
        int w = fullWidth >= fullHeight ? target : scaledSide(fullWidth, target, longest);
        int h = fullWidth >= fullHeight ? scaledSide(fullHeight, target, longest) : target;
        BufferedImage scaled = Scaler.scale(oriented, w, h);
        Path out = outDir.resolve(size + ".jpg");
        writeJpeg(scaled, out);
        return new Thumbnail(size, out, w, h);
    }

    private static int scaledSide(int side, int target, int longest) {
        return Math.max(1, (int) Math.round((double) side * target / longest));
    }

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
        // Forward-only and no metadata: the header and the pixels are all that is needed; EXIF is read separately.
        reader.setInput(in, true, true);
        return reader;
    }

    /** Scales down with progressive halving, so that every source pixel contributes and edges do not alias. */
    static final class Scaler {

        private Scaler() {
        }

        static BufferedImage scale(BufferedImage source, int width, int height) {
            BufferedImage current = source;
            int w = source.getWidth();
            int h = source.getHeight();
            while (w / 2 >= width && h / 2 >= height) {
                w /= 2;
                h /= 2;
                current = draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            }
            if (w != width || h != height) {
                current = draw(current, width, height, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            }
            return current;
        }

        private static BufferedImage draw(BufferedImage source, int width, int height, Object interpolation) {
            BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(source, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            return out;
        }
    }
}
