package dev.photo.cli.upload;

import dev.photo.contract.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps each {@code POST /uploads} answer to the file's outcome (duplicate, rejected, an unexpected answer), or hands
 * the file to {@link Sending} when the API takes it.
 */
final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private final Outcomes outcomes;
    private final UploadMemory memory;
    private final SameContent sameContent;
    private final Sending sending;

    Answers(Outcomes outcomes, UploadMemory memory, SameContent sameContent, Sending sending) {
        this.outcomes = outcomes;
        this.memory = memory;
        this.sameContent = sameContent;
        this.sending = sending;
    }

    void take(Hashed item, UploadResult result) throws InterruptedException {
        LocalFile file = item.file();
        String status = result.status() == null ? "" : result.status();
        switch (status) {
            case UploadResult.UPLOAD -> {
                sameContent.declared(item.sha256(), result.photoId());
                if (item.cached()) {
                    LOG.debug("{} was stored by an earlier run but the server no longer has it; sending it again",
                            file.displayPath());
                }
                sending.upload(item, result);
            }
            case UploadResult.MULTIPART -> {
                sameContent.declared(item.sha256(), result.photoId());
                sending.multipart(item, result);
            }
            case UploadResult.DUPLICATE -> {
                sameContent.declared(item.sha256(), result.photoId());
                memory.remember(item, result.photoId(), UploadStatus.DUPLICATE);
                outcomes.record(item.index(), new UploadOutcome(file.displayPath(), file.name(),
                        UploadStatus.DUPLICATE, result.photoId(), item.cached() ? FilePreparer.EARLIER_RUN : null));
            }
            case UploadResult.REJECTED -> outcomes.record(item.index(), new UploadOutcome(file.displayPath(),
                    file.name(), UploadStatus.REJECTED, null, result.rejectionReason()));
            default -> outcomes.fail(item, "unexpected answer from the API: status " + result.status());
        }
    }

    /** A file whose bytes an earlier file of this run already declared: that file's duplicate, never sent. */
    void repeat(Hashed item) {
        String photoId = sameContent.photoId(item.sha256());
        memory.remember(item, photoId, UploadStatus.DUPLICATE);
        outcomes.record(item.index(), new UploadOutcome(item.file().displayPath(), item.file().name(),
                UploadStatus.DUPLICATE, photoId, "same content as another file of this upload"));
    }
}
