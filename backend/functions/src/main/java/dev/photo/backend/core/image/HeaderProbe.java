package dev.photo.backend.core.image;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an image's pixel dimensions and frame count from its own header bytes, with no decoder involved, so that the
 * pixel cap is enforced before any decoder allocates anything: a 50-byte PNG that claims 100000 x 100000 pixels is
 * refused after reading 24 bytes. Decoders are never asked for dimensions; a decoder that believes a header will
 * already have allocated for it.
 *
 * <p>Each reader walks only the structure it needs (JPEG marker segments up to the frame header, PNG's IHDR, GIF's
 * blocks, WebP's RIFF chunks) and treats anything inconsistent as damage.
 */
final class HeaderProbe {

    /** Animated files beyond this many frames are refused: only the first is shown, the rest is a cost. */
    static final int MAX_FRAMES = 1000;

    /**
     * What the header says.
     *
     * @param width      stored pixel width (before EXIF orientation)
     * @param height     stored pixel height
     * @param frames     frames in an animation, 1 otherwise
     * @param components JPEG colour components (1, 3 or 4), 0 for other formats
     * @param progressive whether a JPEG is progressive (its decoder keeps every coefficient in memory)
     * @param adobe       whether a JPEG has an Adobe APP14 marker (which tells how four components are coded)
     */
    record Header(int width, int height, int frames, int components, boolean progressive, boolean adobe) {

        Header(int width, int height, int frames) {
            this(width, height, frames, 0, false, false);
        }
    }

    private HeaderProbe() {
    }

    /**
     * @throws ImageRejectedException when the header is damaged, describes an unsupported coding, or declares more
     *                                than {@code maxPixels} pixels in any frame or canvas, or too many frames
     */
    static Header probe(ImageFormat format, Path file, long maxPixels) throws ImageRejectedException, IOException {
        Header header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            Bytes bytes = new Bytes(in, maxPixels);
            header = switch (format) {
                case JPEG -> jpeg(bytes);
                case PNG -> png(bytes);
                case GIF -> gif(bytes);
                case WEBP -> webp(bytes, Files.size(file));
                default -> throw new IllegalArgumentException("no header probe for " + format);
            };
        } catch (EOFException e) {
            throw new ImageRejectedException("truncated image: the file ends inside its header");
        }
        check(header.width(), header.height(), maxPixels);
        return header;
    }

    static void check(long width, long height, long maxPixels) throws ImageRejectedException {
        if (width < 1 || height < 1) {
            throw new ImageRejectedException("damaged image: it claims no pixels");
        }
        if (width * height > maxPixels) {
            throw new ImageRejectedException(String.format(Locale.ROOT,
                    "image is %d x %d pixels, more than the limit of %d pixels", width, height, maxPixels));
        }
    }

    // --- JPEG: marker segments up to the first frame header --------------------------------------------------------

    private static Header jpeg(Bytes in) throws IOException, ImageRejectedException {
        in.skip(2); // SOI, already sniffed
        boolean adobe = false;
        while (true) {
            int b = in.u8();
            if (b != 0xFF) {
                throw new ImageRejectedException("damaged image: its JPEG markers are broken");
            }
            int marker = in.u8();
            while (marker == 0xFF) { // fill bytes
                marker = in.u8();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length
            }
            if (marker == 0xD9 || marker == 0xDA || marker == 0xD8) {
                throw new ImageRejectedException("damaged image: its JPEG has no frame header");
            }
            int length = in.u16();
            if (length < 2) {
                throw new ImageRejectedException("damaged image: its JPEG markers are broken");
            }
            if (isFrame(marker)) {
                return frame(in, marker, adobe);
            }
            if (marker == 0xEE && length >= 7) {
                adobe |= in.ascii(5).equals("Adobe");
                in.skip(length - 7);
                continue;
            }
            in.skip(length - 2);
        }
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static Header frame(Bytes in, int marker, boolean adobe) throws IOException, ImageRejectedException {
        if (marker >= 0xC9) {
            // the JDK's libjpeg was built without arithmetic decoding; refuse it here rather than as "corrupt"
            throw new ImageRejectedException("unsupported JPEG: arithmetic coding cannot be decoded here");
        }
        if (marker == 0xC3 || marker >= 0xC5) {
            throw new ImageRejectedException("unsupported JPEG: lossless or hierarchical coding cannot be decoded here");
        }
        int precision = in.u8();
        int height = in.u16();
        int width = in.u16();
        int components = in.u8();
        if (precision != 8) {
            throw new ImageRejectedException("unsupported JPEG: " + precision + "-bit samples cannot be decoded here");
        }
        if (height == 0) {
            // the height would come later in a DNL marker, which the decoder does not support
            throw new ImageRejectedException("unsupported JPEG: its height is not in its frame header");
        }
        if (components != 1 && components != 3 && components != 4) {
            throw new ImageRejectedException("damaged image: a JPEG with " + components + " colour components");
        }
        return new Header(width, height, 1, components, marker == 0xC2, adobe);
    }

    // --- PNG: IHDR must be the first chunk; an APNG's frame count is in acTL ---------------------------------------

    private static Header png(Bytes in) throws IOException, ImageRejectedException {
        in.skip(8);
        int length = in.s32();
        if (length != 13 || !in.ascii(4).equals("IHDR")) {
            throw new ImageRejectedException("damaged image: its PNG header is missing");
        }
        long width = in.u32();
        long height = in.u32();
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ImageRejectedException("damaged image: its PNG header is invalid");
        }
        check(width, height, in.maxPixels);
        return new Header((int) width, (int) height, 1);
    }

    // --- GIF: the logical screen, then every block, counting image descriptors ------------------------------------

    private static Header gif(Bytes in) throws IOException, ImageRejectedException {
        in.skip(6);
        int width = in.u16le();
        int height = in.u16le();
        check(width, height, in.maxPixels);
        int flags = in.u8();
        in.skip(2);
        if ((flags & 0x80) != 0) {
            in.skip(3L << ((flags & 7) + 1));
        }
        int frames = 0;
        while (true) {
            int block = in.u8();
            if (block == 0x3B) { // trailer
                break;
            }
            if (block == 0x21) { // extension: label, then sub-blocks
                in.u8();
                skipSubBlocks(in);
            } else if (block == 0x2C) { // image descriptor
                in.skip(4);
                int w = in.u16le();
                int h = in.u16le();
                check(w, h, in.maxPixels);
                int f = in.u8();
                if ((f & 0x80) != 0) {
                    in.skip(3L << ((f & 7) + 1));
                }
                in.u8(); // LZW minimum code size
                skipSubBlocks(in);
                if (++frames > MAX_FRAMES) {
                    throw new ImageRejectedException("animation has more than " + MAX_FRAMES + " frames");
                }
            } else {
                throw new ImageRejectedException("damaged image: its GIF blocks are broken");
            }
        }
        if (frames == 0) {
            throw new ImageRejectedException("damaged image: a GIF without any image");
        }
        return new Header(width, height, frames);
    }

    private static void skipSubBlocks(Bytes in) throws IOException {
        int size;
        while ((size = in.u8()) != 0) {
            in.skip(size);
        }
    }

    // --- WebP: RIFF chunks; the canvas from VP8X, else the one VP8/VP8L bitstream's own header -----------------------

    private static Header webp(Bytes in, long fileSize) throws IOException, ImageRejectedException {
        in.skip(4);
        long riffSize = in.u32le();
        in.skip(4); // WEBP
        long end = Math.min(fileSize, 8 + riffSize);
        long at = 12;
        int width = 0;
        int height = 0;
        int frames = 0;
        boolean canvas = false;
        while (at + 8 <= end) {
            String type = in.ascii(4);
            long size = in.u32le();
            at += 8;
            long padded = size + (size & 1);
            if (size > end - at) {
                throw new ImageRejectedException("truncated image: a WebP chunk runs past the end of the file");
            }
            long consumed = 0;
            switch (type) {
                case "VP8X" -> {
                    in.skip(4);
                    width = in.u24le() + 1;
                    height = in.u24le() + 1;
                    consumed = 10;
                    check(width, height, in.maxPixels);
                    canvas = true;
                }
                case "ANMF" -> {
                    in.skip(6);
                    int w = in.u24le() + 1;
                    int h = in.u24le() + 1;
                    consumed = 12;
                    check(w, h, in.maxPixels);
                    if (++frames > MAX_FRAMES) {
                        throw new ImageRejectedException("animation has more than " + MAX_FRAMES + " frames");
                    }
                }
                case "VP8 " -> {
                    in.skip(3);
                    if (in.u8() != 0x9D || in.u8() != 0x01 || in.u8() != 0x2A) {
                        throw new ImageRejectedException("damaged image: its WebP bitstream is broken");
                    }
                    int w = in.u16le() & 0x3FFF;
                    int h = in.u16le() & 0x3FFF;
                    consumed = 10;
                    check(w, h, in.maxPixels);
                    if (!canvas) {
                        width = w;
                        height = h;
                    }
                    frames = Math.max(frames, 1);
                }
                case "VP8L" -> {
                    if (in.u8() != 0x2F) {
                        throw new ImageRejectedException("damaged image: its WebP bitstream is broken");
                    }
                    long bits = in.u32le();
                    int w = (int) (bits & 0x3FFF) + 1;
                    int h = (int) ((bits >> 14) & 0x3FFF) + 1;
                    consumed = 5;
                    check(w, h, in.maxPixels);
                    if (!canvas) {
                        width = w;
                        height = h;
                    }
                    frames = Math.max(frames, 1);
                }
                default -> consumed = 0;
            }
            if (consumed > size) {
                throw new ImageRejectedException("damaged image: a WebP chunk is too short");
            }
            in.skip(padded - consumed);
            at += padded;
        }
        if (width == 0 || frames == 0) {
            throw new ImageRejectedException("damaged image: a WebP without any image");
        }
        return new Header(width, height, frames);
    }

    /** Big- and little-endian reads that fail with EOF rather than returning -1. */
    private static final class Bytes {
        private final InputStream in;
        private final long maxPixels;

        Bytes(InputStream in, long maxPixels) {
            this.in = in;
            this.maxPixels = maxPixels;
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            return b;
        }

        int u16() throws IOException {
            return (u8() << 8) | u8();
        }

        int u16le() throws IOException {
            return u8() | (u8() << 8);
        }

        int u24le() throws IOException {
            return u8() | (u8() << 8) | (u8() << 16);
        }

        int s32() throws IOException {
            return (u16() << 16) | u16();
        }

        long u32() throws IOException {
            return ((long) u16() << 16) | u16();
        }

        long u32le() throws IOException {
            return u16le() | ((long) u16le() << 16);
        }

        String ascii(int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw new EOFException();
            }
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        void skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }
    }
}
