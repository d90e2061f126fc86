package dev.photo.cli.client;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;

/** An error answer of the API, with its HTTP status and error code. */
public final class ApiException extends CliException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(exitCodeFor(status), message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static int exitCodeFor(int status) {
        if (status == 401 || status == 403) {
            return ExitCodes.AUTH;
        }
        if (status == 404) {
            return ExitCodes.NOT_FOUND;
        }
        if (status >= 500 || status == 429) {
            return ExitCodes.UNAVAILABLE;
        }
        if (status >= 400 && status < 500 && status != 409) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.ERROR;
    }
}
