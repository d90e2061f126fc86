package dev.photo.cli.upload;

import java.util.Locale;
import java.util.Map;

/**
 * The declared content type, from the file extension. Unknown extensions are declared as
 * {@code application/octet-stream} so that the server rejects them and says why, instead of the client guessing.
 */
public final class ContentTypes {

    public static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "webp", "image/webp",
            "heic", "image/heic",
            "heif", "image/heif");

    private ContentTypes() {
    }

    public static String forFileName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return UNKNOWN;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), UNKNOWN);
    }
}
