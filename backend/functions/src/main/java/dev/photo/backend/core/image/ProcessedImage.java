package dev.photo.backend.core.image;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of inspecting an accepted image.
 *
 * @param format     the sniffed format
 * @param width      pixel width as displayed (after EXIF orientation), or null when the format cannot be decoded here
 * @param height     pixel height as displayed, or null likewise
 * @param takenAt    EXIF original date-time, or null
 * @param camera     EXIF make and model, or null
 * @param thumbnails one per configured size, ascending; empty when the format cannot be decoded here
 */
public record ProcessedImage(ImageFormat format, Integer width, Integer height, Instant takenAt, String camera,
                             List<Thumbnail> thumbnails) {

    public ProcessedImage {
        thumbnails = List.copyOf(thumbnails);
    }
}
