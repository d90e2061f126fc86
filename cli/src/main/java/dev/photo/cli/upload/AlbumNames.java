package dev.photo.cli.upload;

import java.util.regex.Pattern;

/** The API's rule for album names, checked here too so that a typo or a bad folder name fails before hashing. */
public final class AlbumNames {

    /** Why a name is refused, in the words the messages use. */
    public static final String RULE = "use 1-64 letters, digits, space, . _ - (not starting or ending with a space)";

    private static final Pattern ALBUM =
            Pattern.compile("[\\p{L}\\p{N}._-]([\\p{L}\\p{N} ._-]{0,62}[\\p{L}\\p{N}._-])?");

    private AlbumNames() {
    }

    public static boolean isValid(String name) {
        return name != null && ALBUM.matcher(name).matches();
    }
}
