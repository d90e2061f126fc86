package dev.photo.contract;

/** The body of every API error: {@code {"error":{"code":"...","message":"..."}}}. */
public record ErrorBody(ApiError error) {

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new ApiError(code.wire(), message));
    }
}
