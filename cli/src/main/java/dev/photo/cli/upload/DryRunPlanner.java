package dev.photo.cli.upload;

import dev.photo.cli.client.ApiClient;

import java.util.List;

/**
 * {@code photo upload --dry-run}: the upload's own engine ({@link UploadRun}), stopped before the transfer
 * ({@link DryRunStop}). Files are prepared as the upload prepares them (hashed, with their part plan when they would
 * go multipart, checked not to have changed while read) and declared in the same batches with {@code "dryRun": true},
 * so that the server judges the same requests. Nothing is sent, recorded, presigned or cached; the cache is not read
 * either, so every file is hashed.
 */
public final class DryRunPlanner {

    private final ApiClient api;
    private final TransferSettings settings;
    private final UploadListener listener;

    /** @param settings what the upload would use: its multipart choice and batch size declare */
    public DryRunPlanner(ApiClient api, TransferSettings settings, UploadListener listener) {
        this.api = api;
        this.settings = settings;
        this.listener = listener;
    }

    /** One outcome per file, in order: would upload, duplicate, rejected (with the API's reason), or failed. */
    public List<UploadOutcome> plan(List<LocalFile> files) throws InterruptedException {
        return UploadRun.dry(files, api, settings, listener).execute().files();
    }
}
