package dev.photo.contract;

import java.util.Arrays;
import java.util.Optional;

/** Every {@code error.code} of docs/api.md, whole-request errors and rejected upload entries alike. */
public enum ErrorCode {
    INVALID_JSON("invalid_json"),
    INVALID_REQUEST("invalid_request"),
    INVALID_ALBUM("invalid_album"),
    TOO_MANY_FILES("too_many_files"),
    INVALID_CURSOR("invalid_cursor"),
    INVALID_LIMIT("invalid_limit"),
    INVALID_PARTS("invalid_parts"),
    INVALID_SHA256("invalid_sha256"),
    TOO_MANY_PARTS("too_many_parts"),
    PART_TOO_LARGE("part_too_large"),
    PART_TOO_SMALL("part_too_small"),
    PART_MISMATCH("part_mismatch"),
    PARTS_SIZE_MISMATCH("parts_size_mismatch"),
    UNSUPPORTED_TYPE("unsupported_type"),
    TOO_LARGE("too_large"),
    EMPTY("empty"),
    INVALID_NAME("invalid_name"),
    INVALID_SELECTOR("invalid_selector"),
    INVALID_USERNAME("invalid_username"),
    INVALID_PASSWORD("invalid_password"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    NO_SUCH_UPLOAD("no_such_upload"),
    NO_ROUTE("no_route"),
    METHOD_NOT_ALLOWED("method_not_allowed"),
    CONFLICT("conflict"),
    INTERNAL("internal");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as it appears in the JSON. */
    public String wire() {
        return wire;
    }

    /** The code a body carries, if it is one of these. */
    public static Optional<ErrorCode> fromWire(String code) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(code)).findFirst();
    }
}
