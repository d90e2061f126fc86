package dev.photo.backend.core;

/** The request as a whole is malformed (400). */
public class BadRequestException extends ApiException {

    public BadRequestException(String code, String message) {
        super(400, code, message);
    }
}
