package dev.photo.cli.upload;

import dev.photo.contract.ContentTypes;
import java.nio.file.Path;

/**
 * A file found for upload.
 *
 * @param path        where to read it
 * @param displayPath how the user named it (the argument plus the path below it), for reports
 * @param size        its size when scanned
 * @param album       the album it goes into
 */
public record LocalFile(Path path, String displayPath, long size, String album) {

    /** The name the server records: the last path segment. */
    public String name() {
        return path.getFileName().toString();
    }

    public String contentType() {
        return ContentTypes.forFileName(name());
    }
}
