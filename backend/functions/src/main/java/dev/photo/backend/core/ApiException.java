package dev.photo.backend.core;

/**
 * A failure the API reports to its caller as {@code {"error":{"code":..,"message":..}}}. The message is written for
 * the caller and must never carry internal detail.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
