package dev.photo.backend.core.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
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
 * Reads the few EXIF fields the processor keeps. EXIF is optional and often damaged, so any failure here means
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
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            LOG.debug("no readable metadata in {}: {}", file.getFileName(), e.toString());
            return ExifInfo.NONE;
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        return new ExifInfo(orientation(ifd0), takenAt(sub != null ? sub : ifd0), camera(ifd0));
    }

    private static int orientation(ExifDirectoryBase ifd0) {
        if (ifd0 == null) {
            return 1;
        }
        Integer value = ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION);
        return value == null ? 1 : value;
    }

    /** Cameras write local wall-clock time; without an offset tag there is no better guess than UTC. */
    static Instant takenAt(ExifDirectoryBase dir) {
        if (dir == null) {
            return null;
        }
        String date = clean(dir.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
        if (date == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(date.length() > 19 ? date.substring(0, 19) : date, EXIF_DATE);
            return local.toInstant(offset(clean(dir.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL))));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String value) {
        if (value == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(value);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** Many cameras repeat the make in the model ("Canon" / "Canon EOS R6"): show it once. */
    static String camera(ExifDirectoryBase ifd0) {
        if (ifd0 == null) {
            return null;
        }
        String make = clean(ifd0.getString(ExifDirectoryBase.TAG_MAKE));
        String model = clean(ifd0.getString(ExifDirectoryBase.TAG_MODEL));
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
