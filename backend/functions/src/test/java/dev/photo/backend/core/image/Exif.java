package dev.photo.backend.core.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds an EXIF APP1 segment (big-endian TIFF: IFD0, the EXIF sub-IFD and the GPS IFD) from the tags a test sets.
 * Each setter returns this, so a fixture reads as the camera would have written it.
 */
public final class Exif {

    private final List<Entry> ifd0 = new ArrayList<>();
    private final List<Entry> sub = new ArrayList<>();
    private final List<Entry> gps = new ArrayList<>();

    private record Entry(int tag, int type, int count, byte[] data) {
    }

    public static Exif of() {
        return new Exif();
    }

    public Exif orientation(int value) {
        ifd0.add(new Entry(0x0112, 3, 1, shortBytes(value)));
        return this;
    }

    public Exif make(String make) {
        ifd0.add(ascii(0x010F, make));
        return this;
    }

    public Exif model(String model) {
        ifd0.add(ascii(0x0110, model));
        return this;
    }

    /** IFD0 DateTime: when the file was last changed. */
    public Exif modified(String exifDate) {
        ifd0.add(ascii(0x0132, exifDate));
        return this;
    }

    public Exif original(String exifDate, String offset) {
        sub.add(ascii(0x9003, exifDate));
        if (offset != null) {
            sub.add(ascii(0x9011, offset));
        }
        return this;
    }

    public Exif digitized(String exifDate) {
        sub.add(ascii(0x9004, exifDate));
        return this;
    }

    public Exif exposure(int numerator, int denominator, double fNumber, int iso, double focalMm) {
        sub.add(rational(0x829A, numerator, denominator));
        sub.add(rational(0x829D, (int) Math.round(fNumber * 10), 10));
        sub.add(new Entry(0x8827, 3, 1, shortBytes(iso)));
        sub.add(rational(0x920A, (int) Math.round(focalMm * 10), 10));
        return this;
    }

    public Exif lens(String make, String model) {
        sub.add(ascii(0xA433, make));
        sub.add(ascii(0xA434, model));
        return this;
    }

    /** Degrees as degrees/minutes/seconds rationals, with N/S and E/W references and metres above sea level. */
    public Exif gps(double latitude, double longitude, double altitude) {
        gps.add(new Entry(0x0000, 1, 4, new byte[] {2, 3, 0, 0}));
        gps.add(ascii(0x0001, latitude >= 0 ? "N" : "S"));
        gps.add(new Entry(0x0002, 5, 3, dms(Math.abs(latitude))));
        gps.add(ascii(0x0003, longitude >= 0 ? "E" : "W"));
        gps.add(new Entry(0x0004, 5, 3, dms(Math.abs(longitude))));
        gps.add(new Entry(0x0005, 1, 1, new byte[] {(byte) (altitude < 0 ? 1 : 0), 0, 0, 0}));
        gps.add(rational(0x0006, (int) Math.round(Math.abs(altitude) * 10), 10));
        return this;
    }

    /** The APP1 segment: marker, length, "Exif\0\0", then the TIFF structure. */
    public byte[] segment() {
        List<Entry> zero = new ArrayList<>(ifd0);
        // pointers get their real values below; IFD0's length does not depend on them
        if (!sub.isEmpty()) {
            zero.add(new Entry(0x8769, 4, 1, new byte[4]));
        }
        if (!gps.isEmpty()) {
            zero.add(new Entry(0x8825, 4, 1, new byte[4]));
        }
        zero.sort(Comparator.comparingInt(Entry::tag));
        sub.sort(Comparator.comparingInt(Entry::tag));
        gps.sort(Comparator.comparingInt(Entry::tag));
        int ifd0At = 8;
        int subAt = ifd0At + length(zero);
        int gpsAt = subAt + (sub.isEmpty() ? 0 : length(sub));
        List<Entry> patched = new ArrayList<>();
        for (Entry e : zero) {
            if (e.tag == 0x8769) {
                patched.add(new Entry(e.tag, 4, 1, ByteBuffer.allocate(4).putInt(subAt).array()));
            } else if (e.tag == 0x8825) {
                patched.add(new Entry(e.tag, 4, 1, ByteBuffer.allocate(4).putInt(gpsAt).array()));
            } else {
                patched.add(e);
            }
        }
        ByteBuffer tiff = ByteBuffer.allocate(gpsAt + (gps.isEmpty() ? 0 : length(gps)));
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(ifd0At);
        tiff.put(bytes(patched, ifd0At));
        if (!sub.isEmpty()) {
            tiff.put(bytes(sub, subAt));
        }
        if (!gps.isEmpty()) {
            tiff.put(bytes(gps, gpsAt));
        }
        byte[] body = tiff.array();
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + body.length));
        segment.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(body);
        return segment.array();
    }

    private static int length(List<Entry> entries) {
        int length = 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            length += e.data.length > 4 ? padded(e.data.length) : 0;
        }
        return length;
    }

    private static byte[] bytes(List<Entry> entries, int offset) {
        ByteBuffer out = ByteBuffer.allocate(length(entries));
        int dataAt = offset + 2 + 12 * entries.size() + 4;
        ByteBuffer data = ByteBuffer.allocate(length(entries));
        out.putShort((short) entries.size());
        for (Entry e : entries) {
            out.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
            if (e.data.length <= 4) {
                byte[] inline = new byte[4];
                System.arraycopy(e.data, 0, inline, 0, e.data.length);
                out.put(inline);
            } else {
                out.putInt(dataAt + data.position());
                data.put(e.data);
                data.position(padded(data.position()));
            }
        }
        out.putInt(0);
        out.put(data.array(), 0, data.position());
        return out.array();
    }

    private static Entry ascii(int tag, String value) {
        byte[] text = (value + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Entry(tag, 2, text.length, text);
    }

    private static Entry rational(int tag, int numerator, int denominator) {
        return new Entry(tag, 5, 1, ByteBuffer.allocate(8).putInt(numerator).putInt(denominator).array());
    }

    private static byte[] shortBytes(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    private static byte[] dms(double degrees) {
        int d = (int) degrees;
        double minutes = (degrees - d) * 60;
        int m = (int) minutes;
        int s100 = (int) Math.round((minutes - m) * 60 * 100);
        return ByteBuffer.allocate(24).putInt(d).putInt(1).putInt(m).putInt(1).putInt(s100).putInt(100).array();
    }

    private static int padded(int n) {
        return (n + 1) & ~1;
    }
}
