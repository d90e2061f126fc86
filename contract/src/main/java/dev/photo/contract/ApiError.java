package dev.photo.contract;

/** The {@code error} object of an API error body or of a rejected upload entry. */
public record ApiError(String code, String message) {
}
