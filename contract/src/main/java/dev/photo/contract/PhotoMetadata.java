package dev.photo.contract;

/**
 * What the processor read from a photo beyond its dimensions. Every field may be null: EXIF is optional and often
 * partial.
 *
 * @param takenAtSource where {@code takenAt} came from: {@code EXIF_ORIGINAL}, {@code EXIF_DIGITIZED},
 *                      {@code EXIF_MODIFIED} or {@code UPLOAD}; kept as text so that a source added later reads as is
 * @param takenAtOffset the UTC offset the camera recorded with that date ({@code +02:00}), or null
 * @param lens          lens make and model
 * @param exposure      exposure basics
 * @param gps           where it was taken; only in the owner's single-photo view, never in a listing
 * @param note          what the processor could not do ({@code thumbnail: unsupported format})
 */
public record PhotoMetadata(String takenAtSource, String takenAtOffset, String lens, Exposure exposure, Gps gps,
                            String note) {

    /**
     * @param exposureTime seconds as the camera wrote it ({@code 1/250})
     * @param fNumber      aperture
     * @param iso          sensitivity
     * @param focalLength  millimetres
     */
    public record Exposure(String exposureTime, Double fNumber, Integer iso, Double focalLength) {
    }

    /** Degrees (north and east positive) and metres above sea level. */
    public record Gps(double latitude, double longitude, Double altitude) {
    }
}
