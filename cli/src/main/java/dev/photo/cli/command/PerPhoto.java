package dev.photo.cli.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What became of each photo a command acts on one at a time (delete, move): a failed id never stops the others,
 * and the exit code says whether all, some or none succeeded.
 */
final class PerPhoto {

    /** One photo that failed, with the API's error code when it answered one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(String photoId, String code, String message) {
    }

    /** One step on one photo. */
    @FunctionalInterface
    interface Action<T> {
        T run(String photoId) throws InterruptedException;
    }

    private final List<Failure> failures = new ArrayList<>();
    private int succeeded;
    private int firstFailureExit = ExitCodes.ERROR;

    /**
     * Runs {@code action} on {@code photoId}, recording a failure instead of throwing it. A refused login stops the
     * whole command, as no other photo could succeed either.
     *
     * @return the action's result, or empty if it failed
     */
    <T> Optional<T> attempt(String photoId, Action<T> action) throws InterruptedException {
        try {
            T result = action.run(photoId);
            succeeded++;
            return Optional.ofNullable(result);
        } catch (CliException e) {
            if (e.exitCode() == ExitCodes.AUTH) {
                throw e;
            }
            if (failures.isEmpty()) {
                firstFailureExit = e.exitCode();
            }
            failures.add(new Failure(photoId, e instanceof ApiException api ? api.code() : null, e.getMessage()));
            return Optional.empty();
        }
    }

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /** 0 when all succeeded, {@link ExitCodes#PARTIAL} when some did, else the first failure's own code. */
    int exitCode() {
        if (failures.isEmpty()) {
            return ExitCodes.OK;
        }
        return succeeded > 0 ? ExitCodes.PARTIAL : firstFailureExit;
    }
}
