package dev.photo.backend.core.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * The fixture set: every format, colour model, orientation and hostile shape the processor must handle, made by the
 * tests themselves from the JDK's encoders plus hand-built headers, markers, EXIF and ICC profiles. Nothing here is
 * read from disk, so the set cannot drift from what the tests assert.
 */
public final class ImageFixtures {

    /** The 1x1 images browsers' WebP feature detection has long used, one per flavour (no WebP encoder here). */
    public static final byte[] WEBP_LOSSY = b64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    public static final byte[] WEBP_LOSSLESS = b64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    public static final byte[] WEBP_ALPHA = b64("UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDgg"
            + "GAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==");

    private ImageFixtures() {
    }

    // --- pictures -----------------------------------------------------------------------------------------------------

    /** A gradient, red in the top-left corner block (an eighth of each side) and blue in the bottom-right one. */
    public static BufferedImage marked(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 200, 200));
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

    public static BufferedImage filled(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /** Photo-like content: gradients, noise and hard edges, so that a compressor and a scaler have work to do. */
    public static BufferedImage photoLike(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double gx = (double) x / width;
                double gy = (double) y / height;
                int n = (int) (rnd.nextGaussian() * 10);
                int r = clamp(60 + 150 * gy + n + 30 * Math.sin(x / 37.0));
                int g = clamp(90 + 100 * gx * gy + n);
                int b = clamp(200 - 140 * gx + n);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        Graphics2D g = image.createGraphics();
        for (int k = 0; k < 40; k++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            g.fillRect(rnd.nextInt(width), rnd.nextInt(height), rnd.nextInt(width / 4 + 1) + 2,
                    rnd.nextInt(height / 4 + 1) + 2);
        }
        g.dispose();
        return image;
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    // --- JPEG ---------------------------------------------------------------------------------------------------------

    public static byte[] jpeg(BufferedImage image) {
        return jpeg(image, 0.9f, false);
    }

    public static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter writer = jdkJpegWriter();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    /**
     * A baseline JPEG coded as given: the luma's sampling factors (chroma is 1x1 against them, so 2x2 is 4:2:0, 2x1
     * 4:2:2, 1x1 4:4:4), a restart marker every {@code restartInterval} MCUs (0: none, as the JDK writes by
     * default) and Huffman tables made for the image instead of the standard ones. A grey image has one component.
     */
    public static byte[] jpegCoded(BufferedImage image, float quality, int lumaH, int lumaV, int restartInterval,
                                   boolean optimizeHuffman) {
        ImageWriter writer = jdkJpegWriter();
        JPEGImageWriteParam param = (JPEGImageWriteParam) writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        param.setOptimizeHuffmanTables(optimizeHuffman);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode sof = (IIOMetadataNode) sequence.getElementsByTagName("sof").item(0);
        var components = sof.getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            IIOMetadataNode component = (IIOMetadataNode) components.item(i);
            component.setAttribute("HsamplingFactor", String.valueOf(i == 0 ? lumaH : 1));
            component.setAttribute("VsamplingFactor", String.valueOf(i == 0 ? lumaV : 1));
        }
        if (restartInterval > 0) {
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", String.valueOf(restartInterval));
            sequence.insertBefore(dri, sof);
        }
        try {
            metadata.setFromTree(format, root);
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException(e);
        }
        return write(writer, new IIOImage(image, null, metadata), param);
    }

    /** A greyscale (one component) JPEG. */
    public static byte[] greyJpeg(int width, int height, int level) {
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = grey.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, x < width / 2 ? level : 255 - level);
            }
        }
        return jpeg(grey);
    }

    /**
     * A four-component JPEG of one CMYK colour. {@code adobe} writes it the way Photoshop does: an Adobe APP14 marker
     * and inverted samples (0 is full ink); otherwise plain samples and no APP14. {@code ycck} stores it as YCCK
     * (Adobe transform 2), the other colour model Photoshop writes.
     */
    public static byte[] cmykJpeg(int width, int height, int c, int m, int y, int k, boolean adobe, boolean ycck) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] px = new int[4];
        for (int row = 0; row < height; row++) {
            for (int x = 0; x < width; x++) {
                if (ycck) {
                    // YCCK as libjpeg writes it from Adobe (inverted) CMYK: the ink values taken as RGB and turned
                    // into YCbCr; K stays inverted
                    double r = c;
                    double g = m;
                    double b = y;
                    px[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
                    px[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
                    px[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
                    px[3] = 255 - k;
                } else if (adobe) {
                    px[0] = 255 - c;
                    px[1] = 255 - m;
                    px[2] = 255 - y;
                    px[3] = 255 - k;
                } else {
                    px[0] = c;
                    px[1] = m;
                    px[2] = y;
                    px[3] = k;
                }
                raster.setPixel(x, row, px);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        byte[] bytes = write(writer, new IIOImage(raster, null, null), null);
        byte[] stripped = withoutMarker(bytes, 0xEE);
        if (!adobe && !ycck) {
            return stripped;
        }
        return insertAfterSoi(stripped, adobeSegment(ycck ? 2 : 0));
    }

    private static byte[] adobeSegment(int transform) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0xFF).put((byte) 0xEE).putShort((short) 14);
        b.put("Adobe".getBytes(StandardCharsets.US_ASCII)).putShort((short) 100).putShort((short) 0)
                .putShort((short) 0).put((byte) transform);
        return b.array();
    }

    /** The image as a JPEG carrying {@code icc} in APP2 ICC_PROFILE segments; the samples are written unchanged. */
    public static byte[] jpegWithIcc(BufferedImage image, byte[] icc) {
        byte[] plain = jpeg(image, 0.95f, false);
        byte[] tag = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int chunk = 65000;
        int chunks = (icc.length + chunk - 1) / chunk;
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            int len = Math.min(chunk, icc.length - i * chunk);
            ByteBuffer seg = ByteBuffer.allocate(4 + tag.length + 2 + len);
            seg.put((byte) 0xFF).put((byte) 0xE2).putShort((short) (2 + tag.length + 2 + len));
            seg.put(tag).put((byte) (i + 1)).put((byte) chunks).put(icc, i * chunk, len);
            segments.writeBytes(seg.array());
        }
        return insertAfterJfif(plain, segments.toByteArray());
    }

    /** A JPEG with an EXIF APP1 segment. */
    public static byte[] jpegWithExif(BufferedImage image, Exif exif) {
        return insertAfterSoi(jpeg(image), exif.segment());
    }

    /** A JPEG header whose frame is arithmetic-coded (SOF9): libjpeg in the JDK cannot decode it. */
    public static byte[] arithmeticJpeg() {
        byte[] baseline = jpeg(marked(64, 48));
        byte[] out = baseline.clone();
        int sof = findMarker(out, 0xC0);
        out[sof + 1] = (byte) 0xC9;
        return out;
    }

    /** A JPEG whose frame header claims {@code width} x {@code height}, with the real scan of a small image behind. */
    public static byte[] jpegClaiming(int width, int height) {
        byte[] out = jpeg(marked(64, 48));
        int sof = findMarker(out, 0xC0);
        out[sof + 5] = (byte) (height >> 8);
        out[sof + 6] = (byte) height;
        out[sof + 7] = (byte) (width >> 8);
        out[sof + 8] = (byte) width;
        return out;
    }

    static int findMarker(byte[] jpeg, int marker) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("lost in the markers at " + at);
            }
            int m = jpeg[at + 1] & 0xFF;
            if (m == marker) {
                return at;
            }
            if (m == 0xDA) {
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
    }

    /** Every marker segment before the scan, as their second bytes (0xE0 for APP0 ...). */
    public static List<Integer> markersBeforeScan(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length) {
            int m = jpeg[at + 1] & 0xFF;
            markers.add(m);
            if (m == 0xDA) {
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return markers;
    }

    static byte[] withoutMarker(byte[] jpeg, int marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int at = 2;
        while (at + 4 <= jpeg.length) {
            int m = jpeg[at + 1] & 0xFF;
            if (m == 0xDA) {
                break;
            }
            int len = 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
            if (m != marker) {
                out.write(jpeg, at, len);
            }
            at += len;
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    private static byte[] insertAfterJfif(byte[] jpeg, byte[] segment) {
        int at = 2;
        if ((jpeg[3] & 0xFF) == 0xE0) {
            at += 2 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
        return out;
    }

    private static ImageWriter jdkJpegWriter() {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
        }
        throw new IllegalStateException("no JDK JPEG writer");
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // --- PNG and GIF --------------------------------------------------------------------------------------------------

    public static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    /** An 8-bit palette PNG: left half red, right half blue. */
    public static byte[] palettePng(int width, int height) {
        byte[] r = {(byte) 255, 0};
        byte[] g = {0, 0};
        byte[] b = {0, (byte) 255};
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 2, r, g, b));
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x < width / 2 ? 0 : 1);
            }
        }
        return png(image);
    }

    /** A 16-bit greyscale PNG: left half at {@code level}/65535, right half white. */
    public static byte[] grey16Png(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, x < width / 2 ? level : 65535);
            }
        }
        return png(image);
    }

    /** A 16-bit-per-sample RGB PNG of one colour (8-bit values, scaled to 16). */
    public static byte[] rgb16Png(int width, int height, Color color) {
        var cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
        var cm = new java.awt.image.ComponentColorModel(cs, false, false, java.awt.Transparency.OPAQUE,
                DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
        int[] px = {color.getRed() * 257, color.getGreen() * 257, color.getBlue() * 257};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, px);
            }
        }
        return png(new BufferedImage(cm, raster, false, null));
    }

    /** A GIF of {@code frames} frames: the first red, the others blue. */
    public static byte[] gif(int width, int height, int frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = filled(width, height, i == 0 ? Color.RED : Color.BLUE);
                BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = indexed.createGraphics();
                g.drawImage(frame, 0, 0, null);
                g.dispose();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(indexed),
                        null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", "10");
                gce.setAttribute("transparentColorIndex", "0");
                root.appendChild(gce);
                meta.mergeTree(format, root);
                writer.writeToSequence(new IIOImage(indexed, null, meta), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A GIF whose logical screen claims {@code width} x {@code height} (16-bit fields: at most 65535). */
    public static byte[] gifClaiming(int width, int height) {
        byte[] out = gif(16, 16, 1);
        out[6] = (byte) width;
        out[7] = (byte) (width >> 8);
        out[8] = (byte) height;
        out[9] = (byte) (height >> 8);
        return out;
    }

    /** A GIF with {@code frames} tiny image descriptors: an animation bomb of a few bytes per frame. */
    public static byte[] gifWithFrames(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0}); // 1x1, global table of 2 colours
        out.writeBytes(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0});
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --- WebP, HEIC, raw ----------------------------------------------------------------------------------------------

    /** An extended WebP whose VP8X canvas claims {@code width} x {@code height} (24-bit fields). */
    public static byte[] webpClaiming(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(30 + 26).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(30 + 26 - 8);
        b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        b.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) ((width - 1) >> 16));
        b.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) ((height - 1) >> 16));
        byte[] lossy = Arrays.copyOfRange(WEBP_LOSSY, 12, WEBP_LOSSY.length);
        b.put(lossy, 0, Math.min(lossy.length, b.remaining()));
        return b.array();
    }

    /** An ISO-BMFF file that opens like an iPhone's HEIC, with an EXIF item metadata-extractor cannot find. */
    public static byte[] heic() {
        byte[] heic = new byte[256];
        byte[] box = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e',
            'i', 'c'};
        System.arraycopy(box, 0, heic, 0, box.length);
        return heic;
    }

    /** A little-endian TIFF with Canon's CR2 marker after the header, as a CR2 opens. */
    public static byte[] cr2() {
        byte[] raw = new byte[512];
        byte[] head = {'I', 'I', 42, 0, 16, 0, 0, 0, 'C', 'R', 2, 0};
        System.arraycopy(head, 0, raw, 0, head.length);
        return raw;
    }

    /** A TIFF-structured file with an EXIF date and camera, as a DNG or NEF carries them, and no decodable image. */
    public static byte[] tiffWithExif(Exif exif) {
        byte[] segment = exif.segment();
        // the APP1 body after "Exif\0\0" is exactly a TIFF file
        return Arrays.copyOfRange(segment, 10, segment.length);
    }

    private static byte[] b64(String s) {
        return Base64.getDecoder().decode(s);
    }
}
