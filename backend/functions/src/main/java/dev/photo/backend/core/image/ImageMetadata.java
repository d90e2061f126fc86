package dev.photo.backend.core.image;

/**
 * What a photo's own metadata says beyond its dimensions, kept as one nested value on the photo record so that each
 * repository stores it as one attribute. Every field may be null: EXIF is optional and often partial.
 *
 * @param takenAtSource where the photo's {@code takenAt} came from
 * @param takenAtOffset the UTC offset the camera recorded with that date ({@code +02:00}), or null when it recorded
 *                      none (the date was then read as UTC)
 * @param lens          lens make and model
 * @param exposure      exposure basics
 * @param gps           where it was taken; private to the owner: never in a thumbnail or a listing
 * @param note          what the processor could not do, for the owner ({@code thumbnail: unsupported format})
 */
public record ImageMetadata(TakenAtSource takenAtSource, String takenAtOffset, String lens, Exposure exposure,
                            Gps gps, String note) {

    /** The note on a photo that is kept but that no decoder here can turn into thumbnails (HEIC, raw, TIFF). */
    public static final String UNSUPPORTED_NOTE = "thumbnail: unsupported format";

    /** Where {@code takenAt} was read, in the order they are tried. */
    public enum TakenAtSource {
        /** EXIF DateTimeOriginal: when the shutter fired. */
        EXIF_ORIGINAL,
        /** EXIF DateTimeDigitized: when it was scanned or stored. */
        EXIF_DIGITIZED,
        /** EXIF DateTime (IFD0): when the file was last changed. */
        EXIF_MODIFIED,
        /** No usable EXIF date: the upload time. */
        UPLOAD
    }

    /**
     * @param exposureTime seconds as the camera wrote it ({@code 1/250}, {@code 2})
     * @param fNumber      aperture ({@code 2.8})
     * @param iso          sensitivity
     * @param focalLength  millimetres
     */
    public record Exposure(String exposureTime, Double fNumber, Integer iso, Double focalLength) {
    }

    /**
     * @param latitude  degrees, north positive
     * @param longitude degrees, east positive
     * @param altitude  metres above sea level, or null
     */
    public record Gps(double latitude, double longitude, Double altitude) {
    }

    /** Metadata of a photo nothing could be read from: taken at its upload. */
    public static ImageMetadata uploadOnly() {
        return new ImageMetadata(TakenAtSource.UPLOAD, null, null, null, null, null);
    }

    /** This without its location: what a listing, or anyone but the owner, may see. */
    public ImageMetadata withoutGps() {
        return gps == null ? this : new ImageMetadata(takenAtSource, takenAtOffset, lens, exposure, null, note);
    }

    public ImageMetadata withNote(String newNote) {
        return new ImageMetadata(takenAtSource, takenAtOffset, lens, exposure, gps, newNote);
    }

    /** This with the upload as the date's source when no EXIF date was found. */
    public ImageMetadata orUpload() {
        return takenAtSource != null ? this : new ImageMetadata(TakenAtSource.UPLOAD, null, lens, exposure, gps, note);
    }
}
