package dev.photo.backend.core;

/** The write collides with existing state (409), such as a second record for the same content. */
public class ConflictException extends ApiException {

    public ConflictException(String message) {
        super(409, "conflict", message);
    }
}
