package dev.photo.backend.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.photo.backend.core.image.ImageMetadata.TakenAtSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Reads the EXIF fields the processor keeps (orientation, dates, camera, lens, exposure, GPS). EXIF is optional and often damaged, so any failure here means
 * "no EXIF", never a rejection: the pixels decide whether the file is an image.
 */
public final class ExifReader {

    private static final Logger LOG = LoggerFactory.getLogger(ExifReader.class);
    private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss", Locale.ROOT);
    private static final int MAX_CAMERA_LENGTH = 128;

    private ExifReader() {
    }

    public static ExifInfo read(Path file) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (ImageProcessingException | IOException | RuntimeException | StackOverflowError e) {
            LOG.debug("no readable metadata in {}: {}", file.getFileName(), e.toString());
            return ExifInfo.NONE;
        }
        try {
            return read(metadata);
        } catch (RuntimeException e) {
            // a tag of the wrong type or a broken rational: the pixels still decide, the metadata is dropped
            LOG.debug("unusable metadata in {}: {}", file.getFileName(), e.toString());
            return ExifInfo.NONE;
        }
    }

    private static ExifInfo read(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        Dated taken = takenAt(sub, ifd0);
        ImageMetadata details = new ImageMetadata(taken == null ? null : taken.source(),
                taken == null ? null : taken.offset(), lens(sub), exposure(sub),
                gps(metadata.getFirstDirectoryOfType(GpsDirectory.class)), null);
        return new ExifInfo(orientation(ifd0), taken == null ? null : taken.at(), camera(ifd0), details);
    }

    private static int orientation(ExifDirectoryBase ifd0) {
        if (ifd0 == null) {
            return 1;
        }
        Integer value = ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        return value == null ? 1 : value;
    }

    /** A date with the tag it came from and the offset written beside it (null when none was). */
    record Dated(Instant at, TakenAtSource source, String offset) {
    }

    /**
     * DateTimeOriginal, then DateTimeDigitized, then IFD0's DateTime, each with its own offset tag. Cameras write
     * local wall-clock time; without an offset there is no better guess than UTC, and the record says so by leaving
     * the offset null.
     */
    static Dated takenAt(ExifDirectoryBase sub, ExifDirectoryBase ifd0) {
        Dated original = dated(sub, ExifDirectoryBase.TAG_DATETIME_ORIGINAL, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL,
                TakenAtSource.EXIF_ORIGINAL);
        if (original == null && sub == null) {
            // some writers put the original date in IFD0
            original = dated(ifd0, ExifDirectoryBase.TAG_DATETIME_ORIGINAL, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL,
                    TakenAtSource.EXIF_ORIGINAL);
        }
        if (original != null) {
            return original;
        }
        Dated digitized = dated(sub, ExifDirectoryBase.TAG_DATETIME_DIGITIZED,
                ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED, TakenAtSource.EXIF_DIGITIZED);
        if (digitized != null) {
            return digitized;
        }
        return dated(ifd0, ExifDirectoryBase.TAG_DATETIME, ExifDirectoryBase.TAG_TIME_ZONE,
                TakenAtSource.EXIF_MODIFIED);
    }

    private static Dated dated(ExifDirectoryBase dir, int dateTag, int offsetTag, TakenAtSource source) {
        if (dir == null) {
            return null;
        }
        String date = clean(dir.getString(dateTag));
        if (date == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(date.length() > 19 ? date.substring(0, 19) : date, EXIF_DATE);
            ZoneOffset offset = offset(clean(dir.getString(offsetTag)));
            return new Dated(local.toInstant(offset == null ? ZoneOffset.UTC : offset), source,
                    offset == null ? null : offset.getId().equals("Z") ? "+00:00" : offset.getId());
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZoneOffset.of(value);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static String lens(ExifDirectoryBase sub) {
        if (sub == null) {
            return null;
        }
        return joined(clean(sub.getString(ExifDirectoryBase.TAG_LENS_MAKE)),
                clean(sub.getString(ExifDirectoryBase.TAG_LENS_MODEL)));
    }

    static ImageMetadata.Exposure exposure(ExifDirectoryBase sub) {
        if (sub == null) {
            return null;
        }
        Rational time = sub.getRational(ExifDirectoryBase.TAG_EXPOSURE_TIME);
        Rational f = sub.getRational(ExifDirectoryBase.TAG_FNUMBER);
        Integer iso = sub.getInteger(ExifDirectoryBase.TAG_ISO_EQUIVALENT);
        Rational focal = sub.getRational(ExifDirectoryBase.TAG_FOCAL_LENGTH);
        ImageMetadata.Exposure exposure = new ImageMetadata.Exposure(exposureTime(time), positive(f),
                iso != null && iso > 0 ? iso : null, positive(focal));
        return exposure.equals(new ImageMetadata.Exposure(null, null, null, null)) ? null : exposure;
    }

    /** Shutter speeds read as photographers write them: 1/250 rather than 0.004. */
    private static String exposureTime(Rational r) {
        if (r == null || r.getNumerator() <= 0 || r.getDenominator() <= 0) {
            return null;
        }
        double seconds = r.doubleValue();
        if (seconds < 1) {
            return "1/" + Math.round(1 / seconds);
        }
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds)
                : String.format(Locale.ROOT, "%.1f", seconds);
    }

    private static Double positive(Rational r) {
        if (r == null || r.getDenominator() == 0) {
            return null;
        }
        double v = r.doubleValue();
        return v > 0 && Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }

    static ImageMetadata.Gps gps(GpsDirectory gps) {
        if (gps == null) {
            return null;
        }
        GeoLocation where = gps.getGeoLocation();
        if (where == null || where.isZero() || !Double.isFinite(where.getLatitude())
                || !Double.isFinite(where.getLongitude()) || Math.abs(where.getLatitude()) > 90
                || Math.abs(where.getLongitude()) > 180) {
            return null;
        }
        Double altitude = null;
        Rational alt = gps.getRational(GpsDirectory.TAG_ALTITUDE);
        if (alt != null && alt.getDenominator() != 0 && Double.isFinite(alt.doubleValue())) {
            Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
            altitude = Math.round(alt.doubleValue() * (ref != null && ref == 1 ? -10 : 10)) / 10.0;
        }
        return new ImageMetadata.Gps(where.getLatitude(), where.getLongitude(), altitude);
    }

    /** Many cameras repeat the make in the model ("Canon" / "Canon EOS R6"): show it once. */
    static String camera(ExifDirectoryBase ifd0) {
        if (ifd0 == null) {
            return null;
        }
        String make = clean(ifd0.getString(ExifDirectoryBase.TAG_MAKE));
        String model = clean(ifd0.getString(ExifDirectoryBase.TAG_MODEL));
        return joined(make, model);
    }

    private static String joined(String make, String model) {
        String camera;
        if (make == null) {
            camera = model;
        } else if (model == null) {
            camera = make;
        } else if (model.toLowerCase(Locale.ROOT).startsWith(make.toLowerCase(Locale.ROOT))) {
            camera = model;
        } else {
            camera = make + " " + model;
        }
        if (camera == null) {
            return null;
        }
        return camera.length() > MAX_CAMERA_LENGTH ? camera.substring(0, MAX_CAMERA_LENGTH) : camera;
    }

    /** EXIF strings come NUL-padded and may hold control bytes; keep printable text only. */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("\\p{Cntrl}", "").trim();
        return printable.isEmpty() ? null : printable;
    }
}
