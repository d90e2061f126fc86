package dev.photo.cli.download;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for continuing a {@code .part} file with an HTTP Range request: where to ask from, and what an answer
 * means for the bytes already there. Kept apart from the I/O so that every case can be tested on its own.
 */
final class RangeResume {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d+)");

    /** What to do with the part file after an answer to a GET from some offset. */
    enum Action {
        /** A 206 from exactly the offset asked: write its body after the bytes the part holds. */
        APPEND,
        /** A 200: the server sent the whole object; empty the part and write the body from byte 0. */
        WRITE_FROM_START,
        /** A 416 because the part already holds the whole object: nothing to fetch, go and verify it. */
        COMPLETE,
        /** A range that does not fit the part (another offset, another object size): ask again without one. */
        RESTART
    }

    private RangeResume() {
    }

    /**
     * The offset to ask from: the part's length when it may be continued, else 0 (and the part is emptied). A part
     * is continued only when the result is checked against a stored SHA-256 afterwards, and never when it is longer
     * than the object: then it cannot be a prefix of it.
     */
    static long startAt(long partLength, Long expectedSize, boolean resumable) {
        if (!resumable || partLength <= 0) {
            return 0;
        }
        if (expectedSize != null && partLength > expectedSize) {
            return 0;
        }
        return partLength;
    }

    /**
     * What a successful or 416 answer to a GET from {@code offset} means.
     *
     * @param contentRange the answer's {@code Content-Range}, or {@code null}
     * @param expectedSize the object's stored size, or {@code null} when unknown
     */
    static Action onAnswer(long offset, int status, String contentRange, Long expectedSize) {
        if (status == 200) {
            return offset == 0 ? Action.APPEND : Action.WRITE_FROM_START;
        }
        if (status == 206) {
            Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
            if (m == null || !m.matches() || Long.parseLong(m.group(1)) != offset) {
                return Action.RESTART;
            }
            if (expectedSize != null && !m.group(3).equals("*") && Long.parseLong(m.group(3)) != expectedSize) {
                return Action.RESTART;
            }
            return Action.APPEND;
        }
        if (status == 416) {
            Matcher m = contentRange == null ? null : UNSATISFIED.matcher(contentRange.trim());
            long total = m != null && m.matches() ? Long.parseLong(m.group(1)) : -1;
            boolean whole = offset > 0 && (expectedSize != null ? offset == expectedSize : offset == total);
            return whole ? Action.COMPLETE : Action.RESTART;
        }
        throw new IllegalArgumentException("not an answer to act on: HTTP " + status);
    }
}
