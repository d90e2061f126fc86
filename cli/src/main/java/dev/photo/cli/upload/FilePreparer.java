package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.FileWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Turns a scanned file into what the run declares: taken from the cache without reading it, continued from a
 * multipart journal, or hashed (with each part's hash in the same read when it goes multipart) and checked not to
 * have changed while it was read. A file that cannot be declared gets its outcome here.
 */
final class FilePreparer {

    static final String EARLIER_RUN = "already uploaded by an earlier run";
    private static final Logger LOG = LoggerFactory.getLogger(FilePreparer.class);

    private final ApiClient api;
    private final TransferSettings settings;
    private final UploadMemory memory;
    private final UploadListener listener;
    private final Outcomes outcomes;

    FilePreparer(ApiClient api, TransferSettings settings, UploadMemory memory, UploadListener listener,
                 Outcomes outcomes) {
        this.api = api;
        this.settings = settings;
        this.memory = memory;
        this.listener = listener;
        this.outcomes = outcomes;
    }

    /** The file ready to declare, or {@code null} when it is already decided (stored, unreadable, changed). */
    Hashed prepare(int index, LocalFile file) throws InterruptedException {
        try {
            FileKey key = FileKey.of(file.path());
            Optional<UploadState.StoredFile> stored = memory.stored(key);
            if (stored.isPresent()) {
                if (key.size() <= settings.maxSinglePut()) {
                    // declared, not trusted: the server says duplicate, or the photo was deleted there since
                    // and it goes up again
                    return Hashed.cached(index, file, key, stored.get().sha256());
                }
                // too large for one PUT, and the cache keeps no part hashes: taken as the cache says
                outcomes.record(index, new UploadOutcome(file.displayPath(), file.name(), UploadStatus.DUPLICATE,
                        stored.get().photoId(), EARLIER_RUN));
                return null;
            }
            Optional<MultipartJournal> journal = memory.journal(key.path());
            if (journal.isPresent()) {
                if (journal.get().key().equals(key) && settings.multipart(key.size())) {
                    return Hashed.resume(index, file, journal.get());
                }
                abandon(journal.get());
            }
            long partSize = settings.multipart(key.size()) ? settings.partSizeFor(key.size()) : 0;
            long start = System.nanoTime();
            Sha256.Digest digest = Sha256.of(file.path(), partSize, listener::hashed);
            LOG.debug("hashed {} ({} bytes) in {} ms", file.displayPath(), digest.size(),
                    (System.nanoTime() - start) / 1_000_000);
            if (digest.size() != key.size()) {
                outcomes.record(index, UploadOutcome.failed(file.displayPath(), file.name(),
                        "the file changed while it was read"));
                return null;
            }
            return Hashed.of(index, file, key, digest, partSize);
        } catch (FileWindows.ChangedException e) {
            outcomes.record(index, UploadOutcome.failed(file.displayPath(), file.name(),
                    "the file changed while it was read"));
            return null;
        } catch (IOException e) {
            outcomes.record(index, UploadOutcome.failed(file.displayPath(), file.name(),
                    "cannot read: " + e.getClass().getSimpleName()));
            return null;
        } catch (IllegalStateException e) {
            // the state database could not be read
            outcomes.record(index, UploadOutcome.failed(file.displayPath(), file.name(), e.getMessage()));
            return null;
        }
    }

    /** The file changed since its multipart upload started: give that upload up (best effort) and start over. */
    private void abandon(MultipartJournal journal) throws InterruptedException {
        try {
            api.abortUpload(journal.photoId(), journal.uploadId());
        } catch (CliException e) {
            LOG.debug("abort of the stale upload of {} failed", journal.key().path(), e);
        }
        memory.forget(journal.photoId());
    }
}
