package dev.photo.contract;

/** The answer of {@code POST /uploads/{photoId}/complete}: the photo's status now. */
public record CompleteResponse(String photoId, String status) {
}
