package dev.photo.backend.core;

/** No such resource for this caller (404); also what another user's photo looks like. */
public class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(404, "not_found", message);
    }
}
