package dev.photo.contract;

/**
 * The rule for declared file names: only the last path segment counts, at most {@value #MAX_FILE_NAME_LENGTH}
 * characters, nothing unprintable.
 */
public final class FileNames {

    public static final int MAX_FILE_NAME_LENGTH = 255;

    private FileNames() {
    }

    /** {@code ../../etc/passwd} gives {@code passwd}, {@code C:\x\y.jpg} gives {@code y.jpg}. */
    public static String lastSegment(String name) {
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    /** True when a segment is no file name at all: empty, {@code .} or {@code ..}. */
    public static boolean isBlank(String segment) {
        return segment.isEmpty() || segment.equals(".") || segment.equals("..");
    }

    public static boolean isTooLong(String segment) {
        return segment.codePointCount(0, segment.length()) > MAX_FILE_NAME_LENGTH;
    }

    /** No control, formatting, separator, surrogate, unassigned or private-use character. */
    public static boolean isPrintable(String segment) {
        return segment.codePoints().allMatch(cp -> {
            int type = Character.getType(cp);
            return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                    && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE
                    && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
        });
    }
}
