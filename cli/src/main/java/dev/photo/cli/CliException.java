package dev.photo.cli;

/**
 * A failure the user should see as one line, {@code photo: error: <message>}, with a documented exit code.
 * Messages never contain tokens or passwords.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public static CliException auth(String message) {
        return new CliException(ExitCodes.AUTH, message);
    }

    public static CliException unavailable(String message, Throwable cause) {
        return new CliException(ExitCodes.UNAVAILABLE, message, cause);
    }
}
