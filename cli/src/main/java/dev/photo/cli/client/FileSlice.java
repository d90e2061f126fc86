package dev.photo.cli.client;

import java.nio.file.Path;

/**
 * A run of bytes of a file: the whole file for a single PUT, one part for a multipart upload.
 *
 * @param file   the file
 * @param offset first byte
 * @param length number of bytes; exactly this many are sent (the length is signed into the URL)
 */
public record FileSlice(Path file, long offset, long length) {

    public FileSlice {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
    }

    public static FileSlice whole(Path file, long size) {
        return new FileSlice(file, 0, size);
    }
}
