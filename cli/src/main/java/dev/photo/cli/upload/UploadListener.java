package dev.photo.cli.upload;

/** Told, from the worker threads, about bytes sent and about every file as it ends; drives the progress bar. */
public interface UploadListener {

    /** {@code bytes} more were read and hashed. */
    default void hashed(long bytes) {
    }

    /** {@code bytes} more were sent (negative: a failed attempt's bytes, taken back before its retry). */
    default void sent(long bytes) {
    }

    void finished(LocalFile file, UploadOutcome outcome);

    static UploadListener none() {
        return (file, outcome) -> { };
    }
}
