package dev.photo.cli.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * The declaring loop, on the calling thread: gathers prepared files into batches by {@link BatchRule} and declares
 * one when it is full, when the next file does not fit, when hashing is done, or when the transfers are about to run
 * dry, so that URLs are ready before they are needed but never long before.
 */
final class Batcher {

    private final HashStage hashes;
    private final BatchRule rule;
    private final BatchDeclarer declarer;
    private final Sending sending;
    private final RunStop stop;

    Batcher(HashStage hashes, BatchRule rule, BatchDeclarer declarer, Sending sending, RunStop stop) {
        this.hashes = hashes;
        this.rule = rule;
        this.declarer = declarer;
        this.sending = sending;
        this.stop = stop;
    }

    /** Returns when every prepared file has been declared, or the run stopped. */
    void run() throws InterruptedException {
        List<Hashed> batch = new ArrayList<>();
        int batchParts = 0;
        while (!stop.stopped()) {
            Hashed next = hashes.poll();
            if (next == null) {
                boolean hashingDone = hashes.done();
                next = hashes.poll();
                if (next == null) {
                    if (!batch.isEmpty() && (hashingDone || sending.hungry())) {
                        declarer.declare(batch);
                        batch = new ArrayList<>();
                        batchParts = 0;
                        continue;
                    }
                    if (hashingDone) {
                        return;
                    }
                    next = hashes.pollBriefly();
                    if (next == null) {
                        continue;
                    }
                }
            }
            if (stop.givenUp() != null) {
                // left without an outcome: the run fails it with the API's reason
                continue;
            }
            if (next.journal() != null) {
                next = sending.resume(next);
                if (next == null) {
                    continue;
                }
            }
            int parts = next.declaredParts();
            if (!rule.joins(batch.size(), batchParts,
                    batch.isEmpty() || batch.get(0).file().album().equals(next.file().album()), parts)) {
                declarer.declare(batch);
                batch = new ArrayList<>();
                batchParts = 0;
            }
            batch.add(next);
            batchParts += parts;
        }
    }
}
