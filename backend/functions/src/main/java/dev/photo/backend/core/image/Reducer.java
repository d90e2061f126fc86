package dev.photo.backend.core.image;

import com.twelvemonkeys.imageio.color.ColorSpaces;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Turns a decoded image of any layout into an opaque sRGB {@link BufferedImage#TYPE_INT_RGB} image reduced by an
 * integer factor, each output pixel the plain average of its {@code factor x factor} source block (a box filter:
 * nothing aliases, and it reads each source sample once).
 *
 * <p>Colour is settled here, on the reduced image: samples in an embedded ICC colour space (Display P3, Adobe RGB)
 * are averaged as stored and then converted to sRGB, which costs a fraction of converting the full image; grey is
 * taken as sRGB-encoded, as JPEG and PNG files mean it (the JDK's grey space is linear and would brighten it);
 * transparency is flattened onto white.
 */
final class Reducer {

    private static final int BACKGROUND = 255;

    private Reducer() {
    }

    /** Raw CMYK samples (0 = no ink) wrapped as an image in a generic CMYK colour space, for {@link #reduce}. */
    static BufferedImage cmykImage(Raster raster) {
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel cm = new ComponentColorModel(cmyk, false, false, ColorModel.OPAQUE,
                raster.getDataBuffer().getDataType());
        WritableRaster writable = raster instanceof WritableRaster w && raster.getMinX() == 0 && raster.getMinY() == 0
                ? w : raster.createCompatibleWritableRaster();
        if (writable != raster) {
            writable.setRect(raster);
        }
        return new BufferedImage(cm, writable, false, null);
    }

    static BufferedImage reduce(BufferedImage image, int factor) {
        if (factor == 1 && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image; // already opaque sRGB at the size wanted (libjpeg-turbo's scaled decode)
        }
        ColorModel cm = image.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK
                && image.getRaster().getNumBands() == 4) {
            return reduceCmyk(image, factor);
        }
        Raster raster = image.getRaster();
        boolean components = cm instanceof ComponentColorModel && !cm.hasAlpha()
                && (raster.getNumBands() == 1 || raster.getNumBands() == 3);
        if (!components) {
            return reduceArgb(image, factor);
        }
        ColorSpace cs = cm.getColorSpace();
        boolean grey = raster.getNumBands() == 1;
        BufferedImage reduced = reduceComponents(raster, factor, grey, cm.getComponentSize(0));
        if (grey || cs.isCS_sRGB() || cs.getType() != ColorSpace.TYPE_RGB) {
            return reduced;
        }
        return toSrgb(reduced, cs);
    }

    /** CMYK averaged as stored, then converted through the colour space's profile on the reduced image. */
    private static BufferedImage reduceCmyk(BufferedImage image, int factor) {
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int ow = (w + factor - 1) / factor;
        int oh = (h + factor - 1) / factor;
        WritableRaster small = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, ow, oh, 4, null);
        int[] row = new int[w * 4];
        long[] sums = new long[ow * 4];
        int[] counts = new int[ow];
        int[] px = new int[4];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int y = oy * factor; y < Math.min(h, (oy + 1) * factor); y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
                for (int x = 0; x < w; x++) {
                    int ox = x / factor;
                    for (int b = 0; b < 4; b++) {
                        sums[ox * 4 + b] += row[x * 4 + b];
                    }
                    counts[ox]++;
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                for (int b = 0; b < 4; b++) {
                    px[b] = (int) ((sums[ox * 4 + b] + counts[ox] / 2) / counts[ox]);
                }
                small.setPixel(ox, oy, px);
            }
        }
        BufferedImage cmyk = new BufferedImage(image.getColorModel(), small, false, null);
        BufferedImage srgb = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(cmyk, srgb);
        return srgb;
    }

    /** Samples as stored, averaged per band; 16-bit samples are taken to 8 bits first. */
    private static BufferedImage reduceComponents(Raster raster, int factor, boolean grey, int bits) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int ow = (w + factor - 1) / factor;
        int oh = (h + factor - 1) / factor;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        long[] sums = new long[ow * bands];
        int[] counts = new int[ow];
        int[] row = new int[w * bands];
        byte[] bytes = null;
        int pixelStride = 0;
        int scanline = 0;
        int[] offsets = null;
        if (raster.getDataBuffer() instanceof DataBufferByte db && db.getNumBanks() == 1
                && raster.getSampleModel() instanceof ComponentSampleModel sm
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            bytes = db.getData();
            pixelStride = sm.getPixelStride();
            scanline = sm.getScanlineStride();
            offsets = sm.getBandOffsets();
            for (int bank : sm.getBankIndices()) {
                if (bank != 0) {
                    bytes = null;
                }
            }
        }
        int shift = bits > 8 ? bits - 8 : 0;
        boolean packed = bytes != null && bands == 3 && pixelStride == 3;
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            int yEnd = Math.min(h, (oy + 1) * factor);
            for (int y = oy * factor; y < yEnd; y++) {
                if (packed) {
                    // the common case (8-bit RGB or BGR, interleaved): one tight loop per output block
                    int o0 = offsets[0];
                    int o1 = offsets[1];
                    int o2 = offsets[2];
                    int base = y * scanline;
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * factor;
                        int x1 = Math.min(w, x0 + factor);
                        int r = 0;
                        int g = 0;
                        int b = 0;
                        for (int p = base + x0 * 3, end = base + x1 * 3; p < end; p += 3) {
                            r += bytes[p + o0] & 0xFF;
                            g += bytes[p + o1] & 0xFF;
                            b += bytes[p + o2] & 0xFF;
                        }
                        sums[ox * 3] += r;
                        sums[ox * 3 + 1] += g;
                        sums[ox * 3 + 2] += b;
                        counts[ox] += x1 - x0;
                    }
                } else if (bytes != null) {
                    int base = y * scanline;
                    for (int x = 0, ox = 0, left = factor; x < w; x++) {
                        int p = base + x * pixelStride;
                        int s = ox * bands;
                        for (int b = 0; b < bands; b++) {
                            sums[s + b] += bytes[p + offsets[b]] & 0xFF;
                        }
                        counts[ox]++;
                        if (--left == 0) {
                            ox++;
                            left = factor;
                        }
                    }
                } else {
                    raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
                    for (int x = 0; x < w; x++) {
                        int ox = x / factor;
                        for (int b = 0; b < bands; b++) {
                            sums[ox * bands + b] += row[x * bands + b] >> shift;
                        }
                        counts[ox]++;
                    }
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                int n = counts[ox];
                int half = n / 2;
                int rgb;
                if (grey) {
                    int v = (int) ((sums[ox] + half) / n);
                    rgb = (v << 16) | (v << 8) | v;
                } else {
                    int s = ox * 3;
                    rgb = (int) ((sums[s] + half) / n) << 16 | (int) ((sums[s + 1] + half) / n) << 8
                            | (int) ((sums[s + 2] + half) / n);
                }
                dst[oy * ow + ox] = rgb;
            }
        }
        return out;
    }

    /** Palettes, alpha and anything else: through the colour model's own sRGB view, flattened onto white. */
    private static BufferedImage reduceArgb(BufferedImage image, int factor) {
        int w = image.getWidth();
        int h = image.getHeight();
        int ow = (w + factor - 1) / factor;
        int oh = (h + factor - 1) / factor;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        long[] sums = new long[ow * 3];
        int[] counts = new int[ow];
        int[] row = new int[w];
        for (int oy = 0; oy < oh; oy++) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            int yEnd = Math.min(h, (oy + 1) * factor);
            for (int y = oy * factor; y < yEnd; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = row[x];
                    int a = p >>> 24;
                    int ox = (x / factor) * 3;
                    sums[ox] += over((p >> 16) & 0xFF, a);
                    sums[ox + 1] += over((p >> 8) & 0xFF, a);
                    sums[ox + 2] += over(p & 0xFF, a);
                    counts[x / factor]++;
                }
            }
            for (int ox = 0; ox < ow; ox++) {
                int n = counts[ox];
                int half = n / 2;
                dst[oy * ow + ox] = (int) ((sums[ox * 3] + half) / n) << 16
                        | (int) ((sums[ox * 3 + 1] + half) / n) << 8 | (int) ((sums[ox * 3 + 2] + half) / n);
            }
        }
        return out;
    }

    private static int over(int c, int alpha) {
        return (c * alpha + BACKGROUND * (255 - alpha) + 127) / 255;
    }

    /** Reinterprets the reduced samples in their source colour space and converts them to sRGB. */
    static BufferedImage toSrgb(BufferedImage reduced, ColorSpace source) {
        int w = reduced.getWidth();
        int h = reduced.getHeight();
        ComponentColorModel cm = new ComponentColorModel(source, false, false, ColorModel.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] px = ((DataBufferInt) reduced.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            data[i * 3] = (byte) (px[i] >> 16);
            data[i * 3 + 1] = (byte) (px[i] >> 8);
            data[i * 3 + 2] = (byte) px[i];
        }
        BufferedImage inSource = new BufferedImage(cm, raster, false, null);
        BufferedImage srgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // from the source image's space to the destination's (sRGB), through the colour management module
        new ColorConvertOp(null).filter(inSource, srgb);
        return srgb;
    }
}
