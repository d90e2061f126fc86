package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.ApiException;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Puts multipart uploads on the transfer queue: a new one as the API planned it (journalled before its first part
 * goes), or one an earlier run left half done, continued from the parts the server holds.
 */
final class MultipartScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartScheduler.class);

    private final ApiClient api;
    private final UploadMemory memory;
    private final UploadListener listener;
    private final Outcomes outcomes;
    private final RunStop stop;
    private final TransferQueue queue;
    private final MultipartTransfer.Context context;

    MultipartScheduler(ApiClient api, UploadMemory memory, UploadListener listener, Outcomes outcomes, RunStop stop,
                       TransferQueue queue, MultipartTransfer.Context context) {
        this.api = api;
        this.memory = memory;
        this.listener = listener;
        this.outcomes = outcomes;
        this.stop = stop;
        this.queue = queue;
        this.context = context;
    }

    void start(Hashed item, UploadResult result) throws InterruptedException {
        if (result.multipart() == null || result.multipart().uploadId() == null) {
            outcomes.fail(item, "the API gave no multipart upload");
            return;
        }
        String uploadId = result.multipart().uploadId();
        try {
            memory.begin(new MultipartJournal(item.key(), item.file().album(), item.sha256(), result.photoId(),
                    uploadId, item.partSize(), item.parts(), Map.of()));
        } catch (IllegalStateException e) {
            outcomes.fail(item, e.getMessage());
            return;
        }
        int[] all = IntStream.rangeClosed(1, item.parts().size()).toArray();
        schedule(new MultipartTransfer(item, result.photoId(), uploadId, all, new String[all.length],
                result.multipart().parts(), context, outcome -> outcomes.record(item.index(), outcome)), item);
    }

    /**
     * Continues a multipart upload from the journal: asks the server which parts it holds and sends the others.
     * An upload the server no longer has (completed, aborted, photo gone) is forgotten and the file declared
     * again from the journal's hashes, without reading it: {@code POST /uploads} then says duplicate or starts
     * a new upload.
     *
     * @return the file to declare afresh, or {@code null} when it is dealt with here
     */
    Hashed resume(Hashed item) throws InterruptedException {
        MultipartJournal journal = item.journal();
        PartsResponse held;
        try {
            held = api.requestParts(journal.photoId(), new PartsRequest(journal.uploadId(), List.of()));
        } catch (ApiException e) {
            if (e.status() == 404 || e.status() == 409) {
                LOG.debug("upload of {} cannot continue ({}); declaring it again", journal.key().path(), e.code());
                memory.forget(journal.photoId());
                return item.restart();
            }
            outcomes.fail(item, e.getMessage());
            return null;
        } catch (CliException e) {
            outcomes.fail(item, e.getMessage());
            return null;
        }
        stop.apiAnswered();
        String[] etags = new String[item.parts().size()];
        long resumed = 0;
        for (PartsResponse.HeldPart part : held.uploaded()) {
            int n = part.partNumber();
            if (n >= 1 && n <= etags.length && part.size() == item.partLength(n) && part.etag() != null) {
                etags[n - 1] = part.etag();
                resumed += part.size();
            }
        }
        int[] missing = IntStream.rangeClosed(1, etags.length).filter(n -> etags[n - 1] == null).toArray();
        listener.resumed(resumed);
        LOG.debug("continuing {}: {} of {} parts stored", journal.key().path(), etags.length - missing.length,
                etags.length);
        schedule(new MultipartTransfer(item, journal.photoId(), journal.uploadId(), missing, etags, List.of(),
                context, outcome -> outcomes.record(item.index(), outcome)), item);
        return null;
    }

    private void schedule(MultipartTransfer upload, Hashed item) throws InterruptedException {
        if (upload.allStored()) {
            upload.complete();
        } else if (!queue.addUpload(upload)) {
            outcomes.fail(item, "not uploaded: stopped");
        }
    }
}
