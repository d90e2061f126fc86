package dev.photo.backend.core;

import dev.photo.contract.AlbumNames;
import dev.photo.contract.Checksums;
import dev.photo.contract.ContentTypes;
import dev.photo.contract.FileNames;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks on everything a client declares. Each check either returns the normalised value or throws an
 * {@link ApiException} whose code and message can go back to the caller as they are.
 */
public final class Validation {

    private static final Pattern PHOTO_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Validation() {
    }

    public static String album(String album) {
        if (!AlbumNames.isValid(album)) {
            throw new BadRequestException("invalid_album",
                    "album must be 1-" + AlbumNames.MAX_ALBUM_LENGTH + " characters: letters, digits, space, '.', "
                            + "'_' or '-', not starting or ending with a space");
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
        String last = FileNames.lastSegment(name);
        if (FileNames.isBlank(last)) {
            throw new ApiException(400, "invalid_name", "file name is empty");
        }
        if (FileNames.isTooLong(last)) {
            throw new ApiException(400, "invalid_name", "file name is longer than "
                    + FileNames.MAX_FILE_NAME_LENGTH + " characters");
        }
        if (!FileNames.isPrintable(last)) {
            throw new ApiException(400, "invalid_name", "file name contains characters that are not printable");
        }
        return last;
    }

    public static String contentType(String contentType) {
        String normalised = ContentTypes.normalise(contentType);
        if (!ContentTypes.isAllowed(normalised)) {
            throw new ApiException(400, "unsupported_type", "content type "
                    + (contentType == null ? "(none)" : printableOrPlaceholder(contentType, 64, "(unprintable)"))
                    + " is not allowed; allowed: " + String.join(", ", ContentTypes.ALLOWED));
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
        if (!Checksums.isSha256(hex)) {
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
