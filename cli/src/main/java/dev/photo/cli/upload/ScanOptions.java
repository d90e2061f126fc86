package dev.photo.cli.upload;

import java.util.List;

/**
 * What {@link FileScanner} takes from the folders it walks.
 *
 * @param includes        globs a file must match (one of them) to be taken; empty takes every file
 * @param excludes        globs that leave a file, or a whole folder, out
 * @param hidden          take hidden files and folders (names starting with a dot) too; junk stays out regardless
 * @param recursive       walk folders below the arguments (with {@code albumFromFolder}: below the album folders)
 * @param followSymlinks  follow symbolic links found in folders, with loop detection
 * @param albumFromFolder each top-level folder under a folder argument is an album
 * @param album           the album of every file, or with {@code albumFromFolder} of the files not in a top-level
 *                        folder; may be {@code null} only with {@code albumFromFolder}
 */
public record ScanOptions(List<String> includes, List<String> excludes, boolean hidden, boolean recursive,
                          boolean followSymlinks, boolean albumFromFolder, String album) {

    public ScanOptions {
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
        if (album == null && !albumFromFolder) {
            throw new IllegalArgumentException("an album is needed unless albums come from folders");
        }
    }

    /** Every photo below the arguments, recursively, into one album: the defaults of {@code photo upload}. */
    public static ScanOptions into(String album) {
        return new ScanOptions(List.of(), List.of(), false, true, false, false, album);
    }
}
