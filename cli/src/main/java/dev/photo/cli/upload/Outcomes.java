package dev.photo.cli.upload;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Every file's outcome, recorded once with the file's album and told to the listener as it comes. */
final class Outcomes {

    private final List<LocalFile> files;
    private final UploadOutcome[] outcomes;
    private final UploadListener listener;
    private final AtomicInteger finished = new AtomicInteger();

    Outcomes(List<LocalFile> files, UploadListener listener) {
        this.files = files;
        this.outcomes = new UploadOutcome[files.size()];
        this.listener = listener;
    }

    /** The first outcome of a file counts; a later one (a race at the end of a run) is dropped. */
    void record(int index, UploadOutcome judged) {
        UploadOutcome outcome = judged.withAlbum(files.get(index).album());
        synchronized (outcomes) {
            if (outcomes[index] != null) {
                return;
            }
            outcomes[index] = outcome;
        }
        finished.incrementAndGet();
        listener.finished(files.get(index), outcome);
    }

    void fail(Hashed item, String reason) {
        record(item.index(), UploadOutcome.failed(item.file().displayPath(), item.file().name(), reason));
    }

    /** How many files have ended so far. */
    int finished() {
        return finished.get();
    }

    int total() {
        return outcomes.length;
    }

    /** Every outcome in file order; a file that never ended fails with {@code reason}. */
    List<UploadOutcome> all(String reason) {
        for (int i = 0; i < outcomes.length; i++) {
            LocalFile file = files.get(i);
            record(i, UploadOutcome.failed(file.displayPath(), file.name(), reason));
        }
        synchronized (outcomes) {
            return Arrays.asList(outcomes.clone());
        }
    }
}
