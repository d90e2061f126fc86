package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.TransferClient;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One pass of the engine over a file list, real or dry: the hash workers prepare files, the calling thread declares
 * them in batches, and {@link Sending} takes what the API accepts. Three stages at once, joined by bounded queues,
 * so that memory does not grow with the number of files (only each file's outcome is kept).
 */
final class UploadRun {

    private final Outcomes outcomes;
    private final RunStop stop;
    private final UploadMemory memory;
    private final Sending sending;
    private final HashStage hashes;
    private final Batcher batcher;
    private final int hashWorkers;

    /**
     * @param outcomes and {@code stop}: the same objects {@code sending} was made with
     */
    UploadRun(List<LocalFile> files, ApiClient api, TransferSettings settings, UploadMemory memory,
              UploadListener listener, Outcomes outcomes, RunStop stop, Sending sending) {
        this.outcomes = outcomes;
        this.stop = stop;
        this.memory = memory;
        this.sending = sending;
        this.hashWorkers = HashStage.workers();
        FilePreparer preparer = new FilePreparer(api, settings, memory, listener, outcomes);
        this.hashes = new HashStage(files, preparer, stop, hashWorkers, settings.maxBatch());
        SameContent sameContent = new SameContent();
        Answers answers = new Answers(outcomes, memory, sameContent, sending);
        BatchDeclarer declarer = new BatchDeclarer(api, sending.dryRun(), stop, sameContent, answers, outcomes);
        this.batcher = new Batcher(hashes, new BatchRule(settings.maxBatch()), declarer, sending, stop);
    }

    /** A real run: files the API takes are sent, the cache and journals kept in {@code state}. */
    static UploadRun real(List<LocalFile> files, ApiClient api, TransferClient transfer,
                          TransferSettings settings, UploadState state, UploadListener listener) {
        Outcomes outcomes = new Outcomes(files, listener);
        RunStop stop = new RunStop();
        UploadMemory memory = UploadMemory.of(state);
        Transfers transfers = new Transfers(api, transfer, settings, memory, listener, outcomes, stop);
        return new UploadRun(files, api, settings, memory, listener, outcomes, stop, transfers);
    }

    /** A dry run: the same preparing and declaring, with no cache, and nothing sent or kept. */
    static UploadRun dry(List<LocalFile> files, ApiClient api, TransferSettings settings, UploadListener listener) {
        Outcomes outcomes = new Outcomes(files, listener);
        return new UploadRun(files, api, settings, UploadMemory.none(), listener, outcomes, new RunStop(),
                new DryRunStop(outcomes));
    }

    /**
     * Runs the stages until every file has an outcome. An API error before the API answered anything is thrown;
     * a file that fails never stops the others and is never reported as uploaded.
     */
    UploadReport execute() throws InterruptedException {
        ExecutorService hashPool = Executors.newFixedThreadPool(hashWorkers, new WorkerThreads("photo-hash"));
        try {
            hashes.start(hashPool);
            sending.start();
            try {
                batcher.run();
            } catch (CliException e) {
                stop();
                throw e;
            } finally {
                sending.close();
            }
            hashPool.shutdown();
            sending.await();
            hashPool.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            stop();
            throw e;
        } finally {
            sending.shutdownNow();
            hashPool.shutdownNow();
            memory.flush();
        }
        String reason = stop.givenUp() != null ? stop.givenUp() : "not uploaded: the run stopped first";
        return UploadReport.of(outcomes.all(reason));
    }

    /** Takes no more work; transfers in flight finish on their own. */
    void stop() {
        stop.stop();
        sending.stop();
    }

    /** Saves what is known so far (the cache), for a run that is being cut short. */
    void save() {
        memory.flush();
    }

    int finished() {
        return outcomes.finished();
    }

    int total() {
        return outcomes.total();
    }
}
