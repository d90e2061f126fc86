package dev.photo.cli.output;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 1.2 MiB}. */
public final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    public static String human(Long bytes) {
        if (bytes == null) {
            return null;
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
