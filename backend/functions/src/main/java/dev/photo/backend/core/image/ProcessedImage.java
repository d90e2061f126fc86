package dev.photo.backend.core.image;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of inspecting an accepted image.
 *
 * @param format      the sniffed format
 * @param contentType the content type to record: the sniffed format's, or a raw file's more precise declared one
 * @param width       pixel width as displayed (after EXIF orientation), or null when the format cannot be decoded
 * @param height      pixel height as displayed, or null likewise
 * @param takenAt     the EXIF date, or null when there is none (the caller then uses the upload time)
 * @param camera      EXIF make and model, or null
 * @param metadata    the rest of what the file says, with a note when no thumbnail could be made
 * @param thumbnails  one per configured size, ascending; empty when the format cannot be decoded here
 */
public record ProcessedImage(ImageFormat format, String contentType, Integer width, Integer height, Instant takenAt,
                             String camera, ImageMetadata metadata, List<Thumbnail> thumbnails) {

    public ProcessedImage {
        thumbnails = List.copyOf(thumbnails);
    }
}
