package dev.photo.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The image types the API stores, and the file extensions that declare them. SVG is never on the list: it is a
 * script container, not a photo. Unknown extensions are declared as {@link #UNKNOWN} so that the server rejects them
 * and says why, instead of the client guessing.
 */
public final class ContentTypes {

    public static final String UNKNOWN = "application/octet-stream";

    /**
     * The allowed types, in the order the messages list them. TIFF and camera raw files are kept (READY, without
     * thumbnails) because they are what photographers upload.
     */
    public static final List<String> ALLOWED =
            List.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/tiff",
                    "image/x-adobe-dng", "image/x-canon-cr2", "image/x-canon-cr3", "image/x-nikon-nef",
                    "image/x-sony-arw", "image/x-fuji-raf", "image/x-olympus-orf", "image/x-panasonic-rw2",
                    "image/x-pentax-pef", "image/x-raw");

    private static final Map<String, String> BY_EXTENSION = byExtension();

    private ContentTypes() {
    }

    private static Map<String, String> byExtension() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("jpg", "image/jpeg");
        map.put("jpeg", "image/jpeg");
        map.put("png", "image/png");
        map.put("gif", "image/gif");
        map.put("webp", "image/webp");
        map.put("heic", "image/heic");
        map.put("heif", "image/heif");
        map.put("tif", "image/tiff");
        map.put("tiff", "image/tiff");
        map.put("dng", "image/x-adobe-dng");
        map.put("cr2", "image/x-canon-cr2");
        map.put("cr3", "image/x-canon-cr3");
        map.put("nef", "image/x-nikon-nef");
        map.put("arw", "image/x-sony-arw");
        map.put("raf", "image/x-fuji-raf");
        map.put("orf", "image/x-olympus-orf");
        map.put("rw2", "image/x-panasonic-rw2");
        map.put("pef", "image/x-pentax-pef");
        return Map.copyOf(map);
    }

    /** The type a file of this name is declared as; {@link #UNKNOWN} for any extension not on the list. */
    public static String forFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return UNKNOWN;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
    }

    /** {@code contentType} trimmed and lower-cased, as the server compares and stores it. */
    public static String normalise(String contentType) {
        return contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isAllowed(String contentType) {
        return ALLOWED.contains(normalise(contentType));
    }
}
