package dev.photo.cli.upload;

import dev.photo.contract.UploadResult;

/**
 * What becomes of a file the API takes: the real run transfers it ({@link Transfers}), a dry run records that it
 * would upload ({@link DryRunStop}). Everything before this point is the same code for both.
 */
interface Sending {

    /** Whether {@code POST /uploads} is asked to judge only ({@code "dryRun": true}). */
    boolean dryRun();

    /** Whether the transfers are about to run dry, so that a partial batch should be declared now. */
    boolean hungry();

    /** The API answered {@code upload}: one PUT. */
    void upload(Hashed item, UploadResult result) throws InterruptedException;

    /** The API answered {@code multipart}: an upload in parts. */
    void multipart(Hashed item, UploadResult result) throws InterruptedException;

    /**
     * A multipart upload an earlier run left half done (the item carries its journal).
     *
     * @return the file to declare afresh, or {@code null} when it is dealt with here
     */
    Hashed resume(Hashed item) throws InterruptedException;

    /** Starts the stage's threads, if it has any. */
    default void start() {
    }

    /** No more work will come; {@link #await()} then returns when what was handed over has ended. */
    default void close() {
    }

    /** Stops taking and handing out work at once (Ctrl-C, a fatal error). */
    default void stop() {
    }

    default void await() throws InterruptedException {
    }

    /** Ends the stage's threads, whatever state they are in. */
    default void shutdownNow() {
    }
}
