package dev.photo.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of {@code GET /photos} and how their values read, shared so that the client checks a filter
 * exactly as the server will.
 *
 * <p>{@code since} and {@code until} are an ISO-8601 instant ({@code 2024-07-01T09:00:00Z}, any offset) or a date
 * ({@code 2024-07-01}, a UTC day). {@code since} is inclusive, {@code until} exclusive for an instant and, for a
 * date, includes that whole day: {@code since=2024-07-01&until=2024-07-31} is July.
 */
public final class PhotoQuery {

    public static final String ALBUM = "album";
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";
    public static final String STATUS = "status";
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    public static final String BY = "by";
    /** Every parameter {@code GET /photos} takes; any other is refused. */
    public static final Set<String> PARAMETERS = Set.of(ALBUM, LIMIT, CURSOR, STATUS, SINCE, UNTIL, BY);

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Which time {@code since} and {@code until} compare with. */
    public enum TimeField {
        /** When the photo was taken (EXIF), else when it was uploaded: the default. */
        taken,
        /** When the upload was asked for. */
        uploaded
    }

    private PhotoQuery() {
    }

    /** The first instant {@code since} admits, or empty if the text is neither an instant nor a date. */
    public static Optional<Instant> since(String text) {
        return parse(text, false);
    }

    /** The first instant {@code until} no longer admits, or empty if the text is neither an instant nor a date. */
    public static Optional<Instant> until(String text) {
        return parse(text, true);
    }

    /** The status named exactly (upper case, as the API writes it), or empty. */
    public static Optional<PhotoStatus> status(String text) {
        for (PhotoStatus status : PhotoStatus.values()) {
            if (status.name().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The time field named exactly, or empty. */
    public static Optional<TimeField> by(String text) {
        for (TimeField field : TimeField.values()) {
            if (field.name().equals(text)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> parse(String text, boolean endOfDay) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            if (DATE.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
