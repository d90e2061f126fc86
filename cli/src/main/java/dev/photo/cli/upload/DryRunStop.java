package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.contract.UploadResult;

/**
 * Where a dry run stops: a file the API would take is recorded {@link UploadStatus#WOULD_UPLOAD} and nothing is
 * sent. An API that presigns anyway (it ignored {@code "dryRun": true}) ends the run with an error.
 */
final class DryRunStop implements Sending {

    private final Outcomes outcomes;

    DryRunStop(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public boolean dryRun() {
        return true;
    }

    /** Nothing is transferred, so batches fill up to the limit: fewer requests. */
    @Override
    public boolean hungry() {
        return false;
    }

    @Override
    public void upload(Hashed item, UploadResult result) {
        if (result.upload() != null) {
            throw presignedAnyway();
        }
        outcomes.record(item.index(), new UploadOutcome(item.file().displayPath(), item.file().name(),
                UploadStatus.WOULD_UPLOAD, result.photoId(), null));
    }

    @Override
    public void multipart(Hashed item, UploadResult result) {
        // a dry run is answered "upload" without a plan; "multipart" means the server started an upload
        throw presignedAnyway();
    }

    /** A dry run has no journal to continue; the file is declared as a fresh upload would declare it. */
    @Override
    public Hashed resume(Hashed item) {
        return item.restart();
    }

    private static CliException presignedAnyway() {
        return new CliException(ExitCodes.ERROR, "the API does not support dry runs: it answered with upload"
                + " URLs; nothing was sent, but it may have recorded the files as PENDING (a later upload"
                + " reuses those records)");
    }
}
