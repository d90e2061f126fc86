package dev.photo.backend.port;

import java.time.Duration;
import java.util.List;

/**
 * Multipart uploads into the bucket, driven by the server so that a client only ever holds presigned part URLs.
 * An upload id is bound to the key it was created for, and {@link #listParts} refuses a pair that does not belong
 * together with {@link NoSuchUploadException}; S3-compatible servers differ in whether the other methods check it,
 * so callers that take an upload id from a client ask {@link #listParts} first. Other failures become
 * {@link ObjectStoreException}.
 */
public interface MultipartUploads {

    /**
     * Starts an upload whose parts each carry a SHA-256 checksum.
     *
     * @return the upload id
     */
    String create(String key, String contentType);

    /**
     * A PUT URL for one part that only accepts exactly {@code length} bytes with this SHA-256 (both signed).
     *
     * @param partNumber 1 to 10000
     */
    PresignedRequest presignPart(String key, String uploadId, int partNumber, long length, String sha256Hex,
                                 Duration ttl);

    /**
     * The parts the store holds for this upload, by ascending part number.
     *
     * @throws NoSuchUploadException if there is no such upload for this key (never created, completed or aborted)
     */
    List<UploadedPart> listParts(String key, String uploadId);

    /**
     * Joins the parts into the object at {@code key}.
     *
     * @param parts every part, by ascending part number, as {@link #listParts} reported them
     * @throws NoSuchUploadException if the store knows no such upload (never created, completed or aborted)
     */
    void complete(String key, String uploadId, List<UploadedPart> parts);

    /**
     * Discards the upload and every part sent for it.
     *
     * @throws NoSuchUploadException if the store knows no such upload
     */
    void abort(String key, String uploadId);

    /** Discards every upload in progress for this key (the photo is being deleted); none is not an error. */
    void abortAll(String key);
}
