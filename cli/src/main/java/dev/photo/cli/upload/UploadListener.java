package dev.photo.cli.upload;

/**
 * Told, from the engine's worker threads, about bytes hashed and sent and about every file as it ends; drives the
 * progress display. Implementations must be thread-safe and quick.
 */
public interface UploadListener {

    /** {@code bytes} more were read and hashed. Files an earlier run stored are not read, so not counted here. */
    default void hashed(long bytes) {
    }

    /** {@code bytes} more were sent (negative: a failed attempt's bytes, taken back before its retry). */
    default void sent(long bytes) {
    }

    /**
     * {@code bytes} of a multipart upload that an earlier, interrupted run stored: they count as done but are not
     * sent again (the file then ends {@link UploadStatus#UPLOADED}).
     */
    default void resumed(long bytes) {
    }

    void finished(LocalFile file, UploadOutcome outcome);

    static UploadListener none() {
        return (file, outcome) -> { };
    }
}
