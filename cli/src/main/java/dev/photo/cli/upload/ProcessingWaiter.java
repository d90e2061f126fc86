package dev.photo.cli.upload;

import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import dev.photo.cli.CliException;
import dev.photo.cli.client.ApiClient;
import dev.photo.cli.client.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code --wait}: polls {@code GET /photos/{id}} for every uploaded photo until it is READY or REJECTED, or until
 * the timeout. The pause between rounds starts short (small uploads are processed in well under a second) and
 * doubles up to a bound, so a long wait costs few requests and a short one is not slowed down.
 */
public final class ProcessingWaiter {

    static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final ApiClient api;
    private final Clock clock;
    private final Duration timeout;

    public ProcessingWaiter(ApiClient api, Clock clock, Duration timeout) {
        this.api = api;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * The outcomes with the final photo status of every uploaded file; the others unchanged. A photo still
     * PENDING at the timeout is reported PENDING, which counts as a failure; so are the photos not yet final when a
     * status check fails after the API client's retries, with that reason.
     *
     * @param progress told after every round how many of the photos waited for are READY, REJECTED and PENDING
     */
    public List<UploadOutcome> await(List<UploadOutcome> outcomes, Consumer<ProcessingTally> progress)
            throws InterruptedException {
        Map<Integer, UploadOutcome> pending = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            UploadOutcome o = outcomes.get(i);
            if (o.status() == UploadStatus.UPLOADED && o.photoId() != null) {
                pending.put(i, o);
            }
        }
        List<UploadOutcome> result = new ArrayList<>(outcomes);
        List<Integer> waitedFor = List.copyOf(pending.keySet());
        Instant deadline = clock.instant().plus(timeout);
        Duration pause = FIRST_PAUSE;
        while (!pending.isEmpty()) {
            var it = pending.entrySet().iterator();
            while (it.hasNext()) {
                var entry = it.next();
                UploadOutcome checked;
                try {
                    checked = check(entry.getValue());
                } catch (CliException e) {
                    // the upload is done and its report must not be lost because a status check failed
                    return unknown(result, pending, "could not check processing: " + e.getMessage());
                }
                if (checked != null) {
                    result.set(entry.getKey(), checked);
                    it.remove();
                }
            }
            progress.accept(tally(result, waitedFor, pending.size()));
            if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
                break;
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
        return unknown(result, pending, "still PENDING after waiting " + Durations.format(timeout));
    }

    private static ProcessingTally tally(List<UploadOutcome> result, List<Integer> waitedFor, int stillPending) {
        int ready = 0;
        for (int index : waitedFor) {
            if (UploadOutcome.READY.equals(result.get(index).photoStatus())) {
                ready++;
            }
        }
        // a photo that ended otherwise (rejected, or deleted while waiting) is not coming: count it as rejected
        return new ProcessingTally(ready, waitedFor.size() - stillPending - ready, stillPending);
    }

    private static List<UploadOutcome> unknown(List<UploadOutcome> result, Map<Integer, UploadOutcome> pending,
                                               String reason) {
        for (var entry : pending.entrySet()) {
            result.set(entry.getKey(), entry.getValue().processed(UploadOutcome.PENDING, reason));
        }
        return result;
    }

    /** The outcome with its final status, or {@code null} while the photo is still pending. */
    private UploadOutcome check(UploadOutcome uploaded) throws InterruptedException {
        PhotoDetails details;
        try {
            details = api.photo(uploaded.photoId());
        } catch (ApiException e) {
            if (e.status() == 404) {
                return uploaded.processed(UploadOutcome.MISSING, "the photo was deleted while waiting");
            }
            throw e;
        }
        PhotoInfo photo = details.photo();
        String status = photo == null ? null : photo.status();
        if (status == null || UploadOutcome.PENDING.equals(status)) {
            return null;
        }
        String reason = UploadOutcome.READY.equals(status) ? null
                : photo.errorText() != null ? photo.errorText() : "rejected by processing";
        return uploaded.processed(status, reason);
    }
}
