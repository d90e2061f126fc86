package dev.photo.backend.core.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Matrix/TRC ICC v2 display profiles built from their published primaries, so that wide-gamut fixtures need no
 * profile files: Display P3 (P3 primaries, D65, the sRGB curve) and Adobe RGB (1998) (its primaries, D65, gamma
 * 563/256). The colorants are adapted to the ICC's D50 with the Bradford transform, as the specification requires.
 */
public final class IccProfiles {

    static final double[][] P3 = {{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}};
    static final double[][] ADOBE = {{0.640, 0.330}, {0.210, 0.710}, {0.150, 0.060}};
    static final double[][] SRGB = {{0.640, 0.330}, {0.300, 0.600}, {0.150, 0.060}};
    private static final double[] D65 = {0.95047, 1.0, 1.08883};
    private static final double[] D50 = {0.96422, 1.0, 0.82521};

    private IccProfiles() {
    }

    public static byte[] displayP3() {
        return profile("Display P3 (test)", P3, null);
    }

    public static byte[] adobeRgb() {
        return profile("Adobe RGB (test)", ADOBE, 563.0 / 256);
    }

    /** RGB to XYZ (D65) for primaries given as xy chromaticities. */
    static double[][] rgbToXyz(double[][] primaries) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            double x = primaries[i][0];
            double y = primaries[i][1];
            m[0][i] = x / y;
            m[1][i] = 1;
            m[2][i] = (1 - x - y) / y;
        }
        double[] s = multiply(invert(m), D65);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                m[r][c] *= s[c];
            }
        }
        return m;
    }

    static double[] multiply(double[][] m, double[] v) {
        return new double[] {
            m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
    }

    static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
            }
        }
        return out;
    }

    static double[][] invert(double[][] m) {
        double a = m[0][0], b = m[0][1], c = m[0][2], d = m[1][0], e = m[1][1], f = m[1][2];
        double g = m[2][0], h = m[2][1], i = m[2][2];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[][] {
            {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det},
            {(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det},
            {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
    }

    private static double[][] bradford() {
        double[][] b = {{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}};
        double[] src = multiply(b, D65);
        double[] dst = multiply(b, D50);
        double[][] scale = {{dst[0] / src[0], 0, 0}, {0, dst[1] / src[1], 0}, {0, 0, dst[2] / src[2]}};
        return multiply(invert(b), multiply(scale, b));
    }

    private static byte[] profile(String name, double[][] primaries, Double gamma) {
        double[][] xyz = multiply(bradford(), rgbToXyz(primaries));
        byte[] desc = desc(name);
        byte[] wtpt = xyzType(D50);
        byte[][] colorants = new byte[3][];
        for (int i = 0; i < 3; i++) {
            colorants[i] = xyzType(new double[] {xyz[0][i], xyz[1][i], xyz[2][i]});
        }
        byte[] trc = gamma == null ? srgbCurve() : gammaCurve(gamma);
        String[] sigs = {"desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC", "cprt"};
        byte[][] data = {desc, wtpt, colorants[0], colorants[1], colorants[2], trc, trc, trc, text("no copyright")};
        int tableSize = 4 + 12 * sigs.length;
        int size = 128 + tableSize;
        int[] offsets = new int[sigs.length];
        for (int i = 0; i < sigs.length; i++) {
            offsets[i] = size;
            size += (data[i].length + 3) & ~3;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putInt(size).putInt(0).putInt(0x02100000).put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
        b.put(new byte[12]).put(ascii("acsp")).putInt(0).putInt(0).putInt(0).putInt(0).putLong(0).putInt(0);
        b.putInt(s15(D50[0])).putInt(s15(D50[1])).putInt(s15(D50[2])).putInt(0).put(new byte[16]).put(new byte[28]);
        b.putInt(sigs.length);
        for (int i = 0; i < sigs.length; i++) {
            b.put(ascii(sigs[i])).putInt(offsets[i]).putInt(data[i].length);
        }
        for (int i = 0; i < sigs.length; i++) {
            b.position(offsets[i]);
            b.put(data[i]);
        }
        return b.array();
    }

    private static byte[] xyzType(double[] v) {
        return ByteBuffer.allocate(20).put(ascii("XYZ ")).putInt(0).putInt(s15(v[0])).putInt(s15(v[1]))
                .putInt(s15(v[2])).array();
    }

    private static byte[] gammaCurve(double gamma) {
        return ByteBuffer.allocate(14).put(ascii("curv")).putInt(0).putInt(1)
                .putShort((short) Math.round(gamma * 256)).array();
    }

    private static byte[] srgbCurve() {
        int n = 1024;
        ByteBuffer b = ByteBuffer.allocate(12 + 2 * n).put(ascii("curv")).putInt(0).putInt(n);
        for (int i = 0; i < n; i++) {
            double v = (double) i / (n - 1);
            double lin = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            b.putShort((short) Math.round(lin * 65535));
        }
        return b.array();
    }

    private static byte[] desc(String name) {
        byte[] text = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(12 + text.length + 8 + 3 + 67).put(ascii("desc")).putInt(0).putInt(text.length)
                .put(text).putInt(0).putInt(0).putShort((short) 0).put((byte) 0).put(new byte[67]).array();
    }

    private static byte[] text(String value) {
        byte[] t = (value + "\0").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + t.length).put(ascii("text")).putInt(0).put(t).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int s15(double v) {
        return (int) Math.round(v * 65536);
    }

    /** The sRGB 8-bit value a colour given in {@code primaries} (D65, its own curve) has, by direct matrix math. */
    static int[] toSrgb(double[][] primaries, Double gamma, int[] rgb) {
        double[] lin = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = rgb[i] / 255.0;
            lin[i] = gamma == null ? (v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                    : Math.pow(v, gamma);
        }
        double[] out = multiply(multiply(invert(rgbToXyz(SRGB)), rgbToXyz(primaries)), lin);
        int[] result = new int[3];
        for (int i = 0; i < 3; i++) {
            double v = Math.max(0, Math.min(1, out[i]));
            double enc = v <= 0.0031308 ? v * 12.92 : 1.055 * Math.pow(v, 1 / 2.4) - 0.055;
            result[i] = (int) Math.round(enc * 255);
        }
        return result;
    }
}
