package dev.photo.cli.upload;

import java.util.List;
import java.util.Map;

/**
 * A multipart upload in progress, as the journal keeps it so that the next identical command continues it.
 *
 * @param key      the file when the upload started; a file whose key changed starts over
 * @param album    the album it goes into
 * @param sha256   the whole file's SHA-256 (hex)
 * @param photoId  the photo the server recorded
 * @param uploadId the server's multipart upload id
 * @param partSize every part's size but the last
 * @param parts    each part's SHA-256 (hex), part 1 first
 * @param etags    part number to ETag, for the parts this client saw stored
 */
public record MultipartJournal(FileKey key, String album, String sha256, String photoId, String uploadId,
                               long partSize, List<String> parts, Map<Integer, String> etags) {

    public MultipartJournal {
        parts = List.copyOf(parts);
        etags = Map.copyOf(etags);
    }
}
