package dev.photo.contract;

import java.util.List;

/**
 * A photo's metadata as the API returns it; times are the API's ISO-8601 strings.
 *
 * @param status one of {@link PhotoStatus}'s names, kept as text so that a status added later reads as it is
 * @param error   why processing refused the photo, or {@code null}
 * @param details what the processor read (date source, lens, exposure; GPS only in the single-photo view), or
 *                {@code null} before processing
 */
public record PhotoInfo(String photoId, String album, String fileName, String contentType, Long size, String sha256,
                        String status, String uploadedAt, String processedAt, Integer width, Integer height,
                        String takenAt, String camera, List<Integer> thumbnails, String error,
                        PhotoMetadata details) {

    /** The error as one line of text, or {@code null}. */
    public String errorText() {
        return error == null || error.isBlank() ? null : error;
    }
}
