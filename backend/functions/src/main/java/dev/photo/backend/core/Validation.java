package dev.photo.backend.core;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks on everything a client declares. Each check either returns the normalised value or throws an
 * {@link ApiException} whose code and message can go back to the caller as they are.
 */
public final class Validation {

    /**
     * Image types we store. SVG is never on it: it is a script container, not a photo. TIFF and camera raw files are
     * kept (READY without thumbnails) because they are what photographers upload.
     */
    public static final Set<String> ALLOWED_CONTENT_TYPES =
            Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/tiff",
                    "image/x-adobe-dng", "image/x-canon-cr2", "image/x-canon-cr3", "image/x-nikon-nef",
                    "image/x-sony-arw", "image/x-fuji-raf", "image/x-olympus-orf", "image/x-panasonic-rw2",
                    "image/x-pentax-pef", "image/x-raw");

    public static final int MAX_FILE_NAME_LENGTH = 255;
    public static final int MAX_ALBUM_LENGTH = 64;

    /** No space at either end, so the first and last characters come from a narrower class than the middle. */
    private static final Pattern ALBUM = Pattern.compile(
            "[\\p{L}\\p{N}._-](?:[\\p{L}\\p{N} ._-]{0," + (MAX_ALBUM_LENGTH - 2) + "}[\\p{L}\\p{N}._-])?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern PHOTO_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Validation() {
    }

    public static String album(String album) {
        if (album == null || !ALBUM.matcher(album).matches()) {
            throw new BadRequestException("invalid_album",
                    "album must be 1-" + MAX_ALBUM_LENGTH + " characters: letters, digits, space, '.', '_' or '-', "
                            + "not starting or ending with a space");
        }
        return album;
    }

    /**
     * Keeps only the last path segment: a client that sends {@code ../../etc/passwd} or {@code C:\x\y.jpg} gets
     * {@code passwd} or {@code y.jpg} back, and no control or formatting character is ever stored.
     */
    public static String fileName(String name) {
        if (name == null) {
            throw new ApiException(400, "invalid_name", "file name is missing");
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            throw new ApiException(400, "invalid_name", "file name is empty");
        }
        if (last.codePointCount(0, last.length()) > MAX_FILE_NAME_LENGTH) {
            throw new ApiException(400, "invalid_name", "file name is longer than 255 characters");
        }
        boolean printable = last.codePoints().allMatch(cp -> {
            int type = Character.getType(cp);
            return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
                    && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE
                    && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
        });
        if (!printable) {
            throw new ApiException(400, "invalid_name", "file name contains characters that are not printable");
        }
        return last;
    }

    public static String contentType(String contentType) {
        String normalised = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (!ALLOWED_CONTENT_TYPES.contains(normalised)) {
            throw new ApiException(400, "unsupported_type", "content type "
                    + (contentType == null ? "(none)" : printableOrPlaceholder(contentType, 64, "(unprintable)"))
                    + " is not allowed; allowed: image/jpeg, image/png, image/gif, image/webp, image/heic, image/heif,"
                    + " image/tiff and camera raw types (image/x-adobe-dng, image/x-nikon-nef, ...)");
        }
        return normalised;
    }

    public static long size(Long size, long max) {
        if (size == null || size <= 0) {
            throw new ApiException(400, "empty", "file is empty");
        }
        if (size > max) {
            throw new ApiException(400, "too_large", "file is " + size + " bytes; the limit is " + max + " bytes");
        }
        return size;
    }

    public static String sha256(String hex) {
        if (hex == null || !SHA256.matcher(hex).matches()) {
            throw new ApiException(400, "invalid_sha256", "sha256 must be 64 hexadecimal characters");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    /** An id that is not even well formed names nothing the caller owns. */
    public static Optional<String> photoId(String id) {
        return id != null && PHOTO_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /**
     * {@code value} cut to {@code maxLength} characters, or {@code placeholder} if what is left has anything but
     * printable ASCII: caller text quoted in an error message must not carry control characters back.
     */
    public static String printableOrPlaceholder(String value, int maxLength, String placeholder) {
        String cut = value.length() > maxLength ? value.substring(0, maxLength) + "..." : value;
        return cut.codePoints().allMatch(cp -> cp >= 0x20 && cp < 0x7f) ? cut : placeholder;
    }
}
