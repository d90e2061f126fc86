package dev.photo.backend.core.image;

import java.time.Instant;

/**
 * What the processor keeps from a photo's EXIF.
 *
 * @param orientation EXIF orientation 1-8 (1 when absent or out of range)
 * @param takenAt     the first usable EXIF date (see {@link ImageMetadata.TakenAtSource}), at its offset tag when
 *                    given, else read as UTC; null when there is none
 * @param camera      make and model, or null
 * @param metadata    the rest; its {@code takenAtSource} is null when {@code takenAt} is
 */
public record ExifInfo(int orientation, Instant takenAt, String camera, ImageMetadata metadata) {

    public static final ExifInfo NONE = new ExifInfo(1, null, null, new ImageMetadata(null, null, null, null, null,
            null));

    public ExifInfo {
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** Orientations 5 to 8 turn the stored image a quarter, so width and height swap when displayed. */
    public boolean swapsAxes() {
        return orientation >= 5;
    }
}
