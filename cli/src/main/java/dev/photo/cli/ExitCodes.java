package dev.photo.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of {@code photo}, documented in {@code photo --help} and the README. */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command failed and nothing was partially done. */
    public static final int ERROR = 1;
    /** Bad arguments or input. */
    public static final int USAGE = 2;
    /** Some items (files, photo ids) failed, others succeeded. */
    public static final int PARTIAL = 3;
    /** Not logged in, login failed, or the API refused the token. */
    public static final int AUTH = 4;
    /** The photo (or other thing asked for) does not exist. */
    public static final int NOT_FOUND = 5;
    /** The backend could not be reached or kept failing after retries. */
    public static final int UNAVAILABLE = 6;
    /** A local file differs from the photo it would become and was kept: {@code photo download} without --force. */
    public static final int CONFLICT = 7;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** Code and meaning, in the format picocli's {@code exitCodeList} expects. */
    public static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(key(OK), "ok");
        codes.put(key(ERROR), "failed, nothing partially done");
        codes.put(key(USAGE), "bad arguments or input");
        codes.put(key(PARTIAL), "some files or photos failed, the others succeeded");
        codes.put(key(AUTH), "not logged in, login failed, or the token was refused");
        codes.put(key(NOT_FOUND), "no such photo");
        codes.put(key(UNAVAILABLE), "backend unreachable or failing after retries");
        codes.put(key(CONFLICT), "a different local file was kept (download without --force)");
        codes.put(key(INTERRUPTED), "interrupted");
        return codes;
    }

    /** The code right-aligned in five columns, as {@code String.format("%5d")} would, without a Formatter. */
    static String key(int code) {
        String digits = Integer.toString(code);
        return " ".repeat(Math.max(0, 5 - digits.length())) + digits;
    }
}
