package dev.photo.contract;

import java.util.regex.Pattern;

/** The rule for album names: the server enforces it, the client checks it early so a typo fails before hashing. */
public final class AlbumNames {

    public static final int MAX_ALBUM_LENGTH = 64;

    /** Why a name is refused, in the words the client's messages use. */
    public static final String RULE = "use 1-" + MAX_ALBUM_LENGTH
            + " letters, digits, space, . _ - (not starting or ending with a space)";

    /** No space at either end, so the first and last characters come from a narrower class than the middle. */
    private static final Pattern ALBUM = Pattern.compile(
            "[\\p{L}\\p{N}._-](?:[\\p{L}\\p{N} ._-]{0," + (MAX_ALBUM_LENGTH - 2) + "}[\\p{L}\\p{N}._-])?");

    private AlbumNames() {
    }

    public static boolean isValid(String name) {
        return name != null && ALBUM.matcher(name).matches();
    }
}
