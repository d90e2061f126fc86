package dev.photo.backend.core.image;

import java.util.Locale;

/**
 * Which decoder reads JPEGs. Every other format goes through ImageIO either way.
 *
 * <p>{@link #LIBJPEG_TURBO} decodes in the DCT domain at a reduced scale (a 24 MP photo is read at 3000 x 2000 or
 * less, never at full size) through the native library shipped in the jar; where that library cannot be loaded (a
 * platform it was not built for), it falls back to {@link #JAVA}, which decodes every pixel with the JDK's decoder.
 */
public enum JpegDecoding {
    LIBJPEG_TURBO, JAVA;

    /** The system property, then the environment variable, that can force {@link #JAVA} (an escape hatch). */
    public static final String PROPERTY = "photo.jpegDecoder";
    public static final String VARIABLE = "PHOTO_JPEG_DECODER";

    /** {@code java} or {@code libjpeg-turbo} from {@link #PROPERTY} or {@link #VARIABLE}; libjpeg-turbo if unset. */
    public static JpegDecoding fromEnvironment() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(VARIABLE);
        }
        return parse(value);
    }

    static JpegDecoding parse(String value) {
        if (value == null || value.isBlank()) {
            return LIBJPEG_TURBO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "java" -> JAVA;
            case "libjpeg-turbo", "turbo", "native" -> LIBJPEG_TURBO;
            default -> throw new IllegalArgumentException(
                    "unknown JPEG decoder '" + value + "' (expected java or libjpeg-turbo)");
        };
    }
}
