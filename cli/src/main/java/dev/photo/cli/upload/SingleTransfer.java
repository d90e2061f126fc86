package dev.photo.cli.upload;

import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.FileSlice;
import dev.photo.contract.PresignedUpload;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.client.TransferResult;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Sends whole files by one presigned PUT each, presigning again when a URL expired before its bytes got through. */
final class SingleTransfer {

    /** Fresh URLs for one file or part whose URL expired before its bytes got through; then it fails. */
    static final int MAX_REPRESIGNS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SingleTransfer.class);

    private final ApiClient api;
    private final TransferClient transfer;
    private final TransferSettings settings;
    private final UploadMemory memory;
    private final UploadListener listener;
    private final Outcomes outcomes;

    SingleTransfer(ApiClient api, TransferClient transfer, TransferSettings settings, UploadMemory memory,
                   UploadListener listener, Outcomes outcomes) {
        this.api = api;
        this.transfer = transfer;
        this.settings = settings;
        this.memory = memory;
        this.listener = listener;
        this.outcomes = outcomes;
    }

    /** Sends the file to {@code first} (a transfer worker calls this) and records how it ended. */
    void send(Hashed item, String photoId, PresignedUpload first) throws InterruptedException {
        LocalFile file = item.file();
        UploadOutcome outcome;
        try {
            outcome = sendWithRepresign(item, photoId, first);
        } catch (RuntimeException e) {
            // CliException from presigning again, anything else
            LOG.debug("upload of {} failed", file.displayPath(), e);
            outcome = UploadOutcome.failed(file.displayPath(), file.name(), e.getMessage());
        }
        if (outcome.status() == UploadStatus.UPLOADED) {
            memory.remember(item, outcome.photoId(), UploadStatus.UPLOADED);
        }
        outcomes.record(item.index(), outcome);
    }

    private UploadOutcome sendWithRepresign(Hashed item, String photoId, PresignedUpload first)
            throws InterruptedException {
        LocalFile file = item.file();
        PresignedUpload url = first;
        for (int represigns = 0; ; represigns++) {
            TransferResult result = transfer.put(url, FileSlice.whole(file.path(), item.size()), settings.retry(),
                    listener::sent);
            if (result.ok()) {
                return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.UPLOADED, photoId, null);
            }
            if (!result.expired() || represigns == MAX_REPRESIGNS) {
                return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.FAILED, photoId,
                        result.reason() + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : ""));
            }
            // the server presigns a PENDING photo whose bytes never arrived again, under the same photo id
            LOG.debug("URL for {} expired; presigning again", file.displayPath());
            UploadResult fresh = api.requestUploads(new UploadBatchRequest(file.album(), List.of(item.request())))
                    .results().stream().findFirst().orElse(null);
            if (fresh != null && UploadResult.DUPLICATE.equals(fresh.status())) {
                // the object arrived after all (an attempt whose answer was lost)
                return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.UPLOADED, fresh.photoId(),
                        null);
            }
            if (fresh == null || !UploadResult.UPLOAD.equals(fresh.status()) || fresh.upload() == null) {
                return new UploadOutcome(file.displayPath(), file.name(), UploadStatus.FAILED, photoId,
                        "the upload URL expired and the API did not presign it again");
            }
            url = fresh.upload();
        }
    }
}
