package dev.photo.cli.upload;

/** Told about every file as it ends, from the worker threads; drives the progress bar. */
@FunctionalInterface
public interface UploadListener {

    void finished(LocalFile file, UploadOutcome outcome);

    static UploadListener none() {
        return (file, outcome) -> { };
    }
}
