package dev.photo.cli.download;

import dev.photo.contract.FileNames;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a stored file name, which is user text from any machine, into a name that is safe to create in the download
 * folder on Linux, macOS and Windows alike: one path segment (no traversal), no control or invisible formatting
 * characters, none of Windows' reserved characters or device names, no hidden file, no trailing dot or space, at
 * most {@value #MAX_BYTES} bytes of UTF-8, in Unicode NFC. Thumbnails get names that no original can get.
 */
public final class SafeNames {

    /**
     * Below the 255 bytes most file systems allow, leaving room for a collision suffix such as {@code " (12)"} and a
     * thumbnail marker such as {@code ".thumb1024"}.
     */
    static final int MAX_BYTES = 200;
    /** An extension longer than this is not kept apart when a long name is cut. */
    private static final int MAX_EXTENSION = 16;
    private static final Pattern WINDOWS_RESERVED_CHARS = Pattern.compile("[<>:\"|?*/\\\\]");
    /** Windows' device names, which open the device whatever extension follows ({@code CON.jpg}). */
    private static final Set<String> DEVICE_NAMES = deviceNames();
    /** The thumbnail marker: {@code IMG_1.thumb256.jpg}. An original's name never ends like this (see below). */
    private static final Pattern THUMBNAIL_MARKER = Pattern.compile("(?i)\\.thumb\\d+(\\.jpe?g)?$");
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", ".jpg"), Map.entry("image/png", ".png"), Map.entry("image/gif", ".gif"),
            Map.entry("image/webp", ".webp"), Map.entry("image/heic", ".heic"), Map.entry("image/heif", ".heif"),
            Map.entry("image/tiff", ".tif"));

    private SafeNames() {
    }

    /**
     * The local name of an original stored as {@code stored}; when nothing usable is left of it, the photo id (made
     * safe the same way) with an extension from {@code contentType}.
     */
    public static String original(String stored, String photoId, String contentType) {
        String name = clean(stored == null ? "" : FileNames.lastSegment(stored));
        if (name.isEmpty()) {
            String id = clean(photoId == null ? "" : photoId.replaceAll("[^A-Za-z0-9._-]", "_"));
            name = (id.isEmpty() ? "photo" : id) + EXTENSIONS.getOrDefault(contentType, "");
        }
        // an original named like a thumbnail would take the name its own thumbnail run gives another photo
        Matcher marker = THUMBNAIL_MARKER.matcher(name);
        if (marker.find()) {
            name = name.substring(0, marker.start()) + "_" + name.substring(marker.start() + 1);
        }
        return name;
    }

    /** {@code IMG_1.jpg} at 256 px: {@code IMG_1.thumb256.jpg} (thumbnails are JPEGs whatever the original). */
    public static String thumbnail(String safeOriginal, int size) {
        return baseName(safeOriginal) + ".thumb" + size + ".jpg";
    }

    /**
     * The {@code n}th name for {@code name} when earlier photos of the run took it: {@code IMG_1 (2).jpg}, and for a
     * thumbnail {@code IMG_1 (2).thumb256.jpg}, so that it stays a thumbnail's name.
     */
    public static String numbered(String name, int n) {
        Matcher marker = THUMBNAIL_MARKER.matcher(name);
        int cut = marker.find() ? marker.start() : extensionStart(name);
        String suffix = " (" + n + ")";
        String base = name.substring(0, cut);
        String tail = name.substring(cut);
        base = cutToBytes(base, MAX_BYTES - utf8(suffix) - utf8(tail));
        return base + suffix + tail;
    }

    /**
     * Two names that are one file on a case-insensitive or normalising file system (macOS, Windows) have one key,
     * so that a run never writes two photos to what such a disk treats as the same file.
     */
    public static String collisionKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** A path segment: never empty, never {@code .} or {@code ..}, and no separator. */
    private static String clean(String segment) {
        String name = Normalizer.normalize(segment, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (FileNames.isPrintable(new String(Character.toChars(cp)))) {
                kept.appendCodePoint(cp);
            }
        });
        name = WINDOWS_RESERVED_CHARS.matcher(kept).replaceAll("_").strip();
        // Windows drops trailing dots and spaces, so "a.jpg." and "a.jpg" would be one file there
        name = name.replaceAll("[. ]+$", "");
        if (name.isEmpty()) {
            return "";
        }
        if (name.startsWith(".")) {
            // a download should not turn into a hidden file (or a .bashrc)
            name = "_" + name.substring(1);
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (DEVICE_NAMES.contains(stem)) {
            name = "_" + name;
        }
        return shorten(name);
    }

    /** At most {@link #MAX_BYTES} bytes of UTF-8, keeping a short extension, cut between code points. */
    private static String shorten(String name) {
        if (utf8(name) <= MAX_BYTES) {
            return name;
        }
        int ext = extensionStart(name);
        String extension = name.length() - ext <= MAX_EXTENSION ? name.substring(ext) : "";
        String base = extension.isEmpty() ? name : name.substring(0, ext);
        return cutToBytes(base, MAX_BYTES - utf8(extension)).strip() + extension;
    }

    private static String cutToBytes(String text, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int length = utf8(new String(Character.toChars(cp)));
            if (bytes + length > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += length;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Where the extension starts ({@code .jpg}), or the end of the name when it has none. */
    private static int extensionStart(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? dot : name.length();
    }

    private static String baseName(String name) {
        return name.substring(0, extensionStart(name));
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Set<String> deviceNames() {
        Set<String> names = new HashSet<>(Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"));
        for (String digit : new String[] {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"}) {
            names.add("COM" + digit);
            names.add("LPT" + digit);
        }
        return Set.copyOf(names);
    }
}
