package dev.photo.cli.upload;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, or ISO-8601 {@code PT10M}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException for anything else, or a duration that is not positive */
    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        Matcher m = SIMPLE.matcher(value);
        if (!value.isEmpty() && m.matches()) {
            duration = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                    .plusSeconds(number(m.group(3)));
        } else {
            try {
                duration = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration such as 90s, 10m or 1h");
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration");
        }
        return duration;
    }

    /** {@code 1h30m}, {@code 10m}, {@code 45s}. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        if (seconds >= 3600) {
            text.append(seconds / 3600).append('h');
        }
        if (seconds % 3600 >= 60) {
            text.append(seconds % 3600 / 60).append('m');
        }
        if (seconds % 60 > 0 || text.length() == 0) {
            text.append(seconds % 60).append('s');
        }
        return text.toString();
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
