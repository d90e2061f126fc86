package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.client.ApiClient;
import dev.photo.contract.UploadBatchRequest;
import dev.photo.contract.UploadBatchResponse;
import dev.photo.contract.UploadFileRequest;
import dev.photo.contract.UploadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sends one batch to {@code POST /uploads} (judge only, in a dry run) and passes each answer on. An API error before
 * the API has answered anything is the command's error; after that it gives the rest of the run up, so that the
 * report still shows what got through.
 */
final class BatchDeclarer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchDeclarer.class);

    private final ApiClient api;
    private final boolean dryRun;
    private final RunStop stop;
    private final SameContent sameContent;
    private final Answers answers;
    private final Outcomes outcomes;

    BatchDeclarer(ApiClient api, boolean dryRun, RunStop stop, SameContent sameContent, Answers answers,
                  Outcomes outcomes) {
        this.api = api;
        this.dryRun = dryRun;
        this.stop = stop;
        this.sameContent = sameContent;
        this.answers = answers;
        this.outcomes = outcomes;
    }

    /** Declares {@code batch}: files of one album, as {@link BatchRule} gathered them. */
    void declare(List<Hashed> batch) throws InterruptedException {
        if (stop.givenUp() != null) {
            return;
        }
        List<Hashed> declared = new ArrayList<>(batch.size());
        for (Hashed item : batch) {
            if (sameContent.seen(item.sha256())) {
                answers.repeat(item);
            } else {
                declared.add(item);
            }
        }
        if (declared.isEmpty()) {
            return;
        }
        // in the order of the files, whichever hash worker finished first: the same run sends the same request
        declared.sort(Comparator.comparingInt(Hashed::index));
        String album = declared.get(0).file().album();
        List<UploadFileRequest> requests = declared.stream().map(Hashed::request).toList();
        UploadBatchResponse response;
        try {
            response = api.requestUploads(dryRun ? UploadBatchRequest.dryRun(album, requests)
                    : new UploadBatchRequest(album, requests));
        } catch (CliException e) {
            if (!stop.hasApiAnswered()) {
                throw e;
            }
            LOG.debug("declaring a batch failed; giving the rest up", e);
            stop.giveUp(e.getMessage());
            return;
        }
        stop.apiAnswered();
        Hashed[] byIndex = declared.toArray(new Hashed[0]);
        for (UploadResult result : response.results()) {
            int i = result.index();
            if (i >= 0 && i < byIndex.length && byIndex[i] != null) {
                Hashed item = byIndex[i];
                byIndex[i] = null;
                answers.take(item, result);
            }
        }
        for (Hashed item : byIndex) {
            if (item != null) {
                outcomes.fail(item, "the API gave no answer for this file");
            }
        }
    }
}
