package dev.photo.cli.download;

/** Told of a run's progress from its worker threads: the progress bar. */
public interface DownloadListener {

    /** Bytes stored in part files; negative when an attempt's bytes are thrown away (the part is emptied). */
    void transferred(long bytes);

    /** A file whose size was not known beforehand (a thumbnail) turned out to be this large. */
    void sized(long bytes);

    /** One photo ended, however it did. */
    void finished(DownloadItem item, DownloadOutcome outcome);

    static DownloadListener none() {
        return new DownloadListener() {
            @Override
            public void transferred(long bytes) {
            }

            @Override
            public void sized(long bytes) {
            }

            @Override
            public void finished(DownloadItem item, DownloadOutcome outcome) {
            }
        };
    }
}
