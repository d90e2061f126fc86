package dev.photo.backend.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Scales an RGB image with a separable Lanczos-3 filter whose support widens with the reduction, so that every source
 * pixel contributes and detail finer than the output's pixels is averaged away instead of aliasing into moiré.
 * Used on images already box-reduced to at most about twice the output, where it costs a few milliseconds.
 */
final class Resampler {

    private static final int LOBES = 3;

    private Resampler() {
    }

    /** {@code source} must be {@link BufferedImage#TYPE_INT_RGB}; so is the result. */
    static BufferedImage scale(BufferedImage source, int width, int height) {
        int sw = source.getWidth();
        int sh = source.getHeight();
        if (sw == width && sh == height) {
            return source;
        }
        int[] src = ((DataBufferInt) source.getRaster().getDataBuffer()).getData();
        Weights horizontal = Weights.of(sw, width);
        Weights vertical = Weights.of(sh, height);
        // Vertical pass first: each output row is a weighted sum of whole source rows, plain loops over contiguous
        // float arrays that the JIT compiles to vector instructions, and it leaves only `height` rows for the
        // horizontal pass, whose taps gather and cannot be vectorised. Each source row is unpacked to floats once,
        // into a ring of the rows the current output row reads (consecutive output rows share most of them).
        int plane = height * sw;
        float[] rs = new float[plane];
        float[] gs = new float[plane];
        float[] bs = new float[plane];
        int vtaps = vertical.taps;
        float[][] ring = new float[3 * vtaps][sw];
        int[] held = new int[vtaps];
        java.util.Arrays.fill(held, -1);
        for (int y = 0; y < height; y++) {
            int out = y * sw;
            int first = vertical.first[y];
            for (int t = 0; t < vtaps; t++) {
                float w = vertical.weights[y * vtaps + t];
                if (w == 0) {
                    continue; // the zero padding of a short kernel
                }
                int row = first + t;
                int slot = row % vtaps;
                if (held[slot] != row) {
                    unpack(src, row * sw, ring[slot * 3], ring[slot * 3 + 1], ring[slot * 3 + 2], sw);
                    held[slot] = row;
                }
                axpy(w, ring[slot * 3], rs, out, sw);
                axpy(w, ring[slot * 3 + 1], gs, out, sw);
                axpy(w, ring[slot * 3 + 2], bs, out, sw);
            }
        }
        BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
        int taps = horizontal.taps;
        for (int y = 0; y < height; y++) {
            int row = y * sw;
            for (int x = 0; x < width; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                int at = row + horizontal.first[x];
                int base = x * taps;
                for (int t = 0; t < taps; t++) {
                    float w = horizontal.weights[base + t];
                    r += w * rs[at + t];
                    g += w * gs[at + t];
                    b += w * bs[at + t];
                }
                dst[y * width + x] = (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
            }
        }
        return result;
    }

    private static void unpack(int[] src, int in, float[] r, float[] g, float[] b, int n) {
        for (int x = 0; x < n; x++) {
            int p = src[in + x];
            r[x] = (p >> 16) & 0xFF;
            g[x] = (p >> 8) & 0xFF;
            b[x] = p & 0xFF;
        }
    }

    /** {@code acc[out + x] += w * row[x]}: one store per iteration, the shape the JIT's vectoriser accepts. */
    private static void axpy(float w, float[] row, float[] acc, int out, int n) {
        for (int x = 0; x < n; x++) {
            acc[out + x] += w * row[x];
        }
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
    }

    /** For each output index: the first source index and {@code taps} normalised weights (zero-padded). */
    private record Weights(int taps, int[] first, float[] weights) {

        static Weights of(int sourceSize, int targetSize) {
            double scale = (double) sourceSize / targetSize;
            double stretch = Math.max(1, scale);
            double support = LOBES * stretch;
            int taps = Math.min(sourceSize, (int) Math.ceil(support * 2) + 1);
            int[] first = new int[targetSize];
            float[] weights = new float[targetSize * taps];
            for (int i = 0; i < targetSize; i++) {
                double centre = (i + 0.5) * scale - 0.5;
                int start = (int) Math.floor(centre - support) + 1;
                start = Math.max(0, Math.min(start, sourceSize - taps));
                first[i] = start;
                double sum = 0;
                for (int t = 0; t < taps; t++) {
                    double w = lanczos((start + t - centre) / stretch);
                    weights[i * taps + t] = (float) w;
                    sum += w;
                }
                for (int t = 0; t < taps; t++) {
                    weights[i * taps + t] = (float) (weights[i * taps + t] / sum);
                }
            }
            return new Weights(taps, first, weights);
        }

        private static double lanczos(double x) {
            double ax = Math.abs(x);
            if (ax < 1e-9) {
                return 1;
            }
            if (ax >= LOBES) {
                return 0;
            }
            double px = Math.PI * x;
            return LOBES * Math.sin(px) * Math.sin(px / LOBES) / (px * px);
        }
    }
}
