package dev.photo.backend.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Object key layout. Keys are built only from the verified owner {@code sub} and server-made photo ids, never
 * from user-supplied text, so no file or album name can steer where bytes land.
 */
public final class Keys {

    public static final String ORIGINALS = "originals/";
    public static final String THUMBNAILS = "thumbnails/";

    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern ORIGINAL = Pattern.compile("originals/([A-Za-z0-9-]{1,64})/([A-Za-z0-9-]{1,64})");

    private Keys() {
    }

    public static String original(String owner, String photoId) {
        return ORIGINALS + segment(owner) + "/" + segment(photoId);
    }

    public static String thumbnail(String owner, String photoId, int size) {
        return THUMBNAILS + segment(owner) + "/" + segment(photoId) + "/" + size + ".jpg";
    }

    /** Splits an {@code originals/{owner}/{photoId}} key; empty for anything else. */
    public static Optional<OriginalKey> parseOriginal(String key) {
        Matcher m = ORIGINAL.matcher(key);
        return m.matches() ? Optional.of(new OriginalKey(m.group(1), m.group(2))) : Optional.empty();
    }

    private static String segment(String value) {
        if (value == null || !SAFE_SEGMENT.matcher(value).matches()) {
            throw new IllegalArgumentException("unsafe key segment");
        }
        return value;
    }

    /** The owner and photo id an original's key names. */
    public record OriginalKey(String owner, String photoId) {
    }
}
