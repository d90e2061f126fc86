package dev.photo.cli.upload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The client's upload state as one run uses it: files an earlier run stored, and journals of multipart uploads to
 * continue. A failure to cache a stored file is logged and never fails the file; a dry run's memory is empty and
 * keeps nothing.
 */
final class UploadMemory {

    private static final Logger LOG = LoggerFactory.getLogger(UploadMemory.class);

    /** {@code null} for a dry run. */
    private final UploadState state;

    private UploadMemory(UploadState state) {
        this.state = state;
    }

    static UploadMemory of(UploadState state) {
        return new UploadMemory(state);
    }

    /** Knows nothing and remembers nothing: what a dry run reads and writes. */
    static UploadMemory none() {
        return new UploadMemory(null);
    }

    Optional<UploadState.StoredFile> stored(FileKey key) {
        return state == null ? Optional.empty() : state.stored(key);
    }

    Optional<MultipartJournal> journal(String path) {
        return state == null ? Optional.empty() : state.journal(path);
    }

    /** Caches a file the server holds, so that the next run declares it without reading it. */
    void remember(Hashed item, String photoId, UploadStatus status) {
        if (state == null) {
            return;
        }
        try {
            state.remember(item.key(), item.sha256(), photoId, status);
        } catch (IllegalStateException e) {
            LOG.debug("cannot cache {}", item.file().displayPath(), e);
        }
    }

    /** Journals a multipart upload before its first part goes; throws {@link IllegalStateException} if it cannot. */
    void begin(MultipartJournal journal) {
        if (state != null) {
            state.begin(journal);
        }
    }

    /** Journals a stored part; throws {@link IllegalStateException} if it cannot (the part then counts as failed). */
    void partStored(String photoId, int partNumber, String etag) {
        if (state != null) {
            state.partStored(photoId, partNumber, etag);
        }
    }

    /** Drops a multipart upload's journal: completed, or given up. */
    void forget(String photoId) {
        if (state != null) {
            state.forget(photoId);
        }
    }

    /** Writes what is remembered; a failure costs the next run a re-read, so it is logged, not thrown. */
    void flush() {
        if (state == null) {
            return;
        }
        try {
            state.flush();
        } catch (RuntimeException e) {
            LOG.debug("cannot save the upload cache", e);
        }
    }
}
