package dev.photo.cli.upload;

import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.TransferClient;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code photo upload}: runs the engine ({@link UploadRun}) over the files, sending what the API takes, with a
 * Ctrl-C hook that says how to resume. The stages: {@link FilePreparer} on the {@link HashStage} threads (cache,
 * journal, hashing), {@link Batcher} and {@link BatchDeclarer} on the calling thread ({@code POST /uploads}),
 * {@link Answers} (what each answer means), then {@link Transfers} ({@link SingleTransfer}, {@link MultipartScheduler}
 * and {@link MultipartTransfer} on the transfer workers).
 */
public final class Uploader {

    private final ApiClient api;
    private final TransferClient transfer;
    private final TransferSettings settings;
    private final UploadState state;
    private final UploadListener listener;
    private final PrintWriter notices;

    /**
     * @param notices where a Ctrl-C tells what was done and how to resume; {@code null} for no shutdown hook
     */
    public Uploader(ApiClient api, TransferClient transfer, TransferSettings settings, UploadState state,
                    UploadListener listener, PrintWriter notices) {
        this.api = api;
        this.transfer = transfer;
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.notices = notices;
    }

    /**
     * Uploads {@code files}, each into its own album (a batch never mixes albums). An API error on the first batch
     * (bad album, not logged in, API down) is thrown, since nothing was done; on a later batch it fails the
     * remaining files instead, so that the report still shows what got through.
     */
    public UploadReport upload(List<LocalFile> files) throws InterruptedException {
        UploadRun run = UploadRun.real(files, api, transfer, settings, state, listener);
        try (InterruptNotice ignored = InterruptNotice.install(run, notices)) {
            return run.execute();
        }
    }
}
