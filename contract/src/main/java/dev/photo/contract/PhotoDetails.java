package dev.photo.contract;

/** {@code GET /photos/{id}}. */
public record PhotoDetails(PhotoInfo photo, Downloads downloads, String expiresAt) {

    public PhotoDetails {
        downloads = downloads == null ? new Downloads(null, null) : downloads;
    }
}
