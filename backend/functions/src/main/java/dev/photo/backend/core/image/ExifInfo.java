package dev.photo.backend.core.image;

import java.time.Instant;

/**
 * What the processor keeps from a photo's EXIF.
 *
 * @param orientation EXIF orientation 1-8 (1 when absent or out of range)
 * @param takenAt     DateTimeOriginal, at its OffsetTimeOriginal when given, else read as UTC; null when absent
 * @param camera      make and model, or null
 */
public record ExifInfo(int orientation, Instant takenAt, String camera) {

    public static final ExifInfo NONE = new ExifInfo(1, null, null);

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
