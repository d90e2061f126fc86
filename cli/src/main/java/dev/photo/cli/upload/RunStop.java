package dev.photo.cli.upload;

/**
 * Whether a run still takes work: it stops on Ctrl-C or a fatal error, and gives the rest up when the API fails
 * after it has answered once (before that, the error is the command's: nothing was done).
 */
final class RunStop {

    private volatile boolean stopped;
    private volatile String givenUp;
    private volatile boolean apiAnswered;

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    void giveUp(String reason) {
        givenUp = reason;
    }

    /** The reason the rest was given up, or {@code null}. */
    String givenUp() {
        return givenUp;
    }

    /** Whether new files should still be taken on. */
    boolean taking() {
        return !stopped && givenUp == null;
    }

    /** The API took a request of this run: from now on its errors give the rest up instead of ending the command. */
    void apiAnswered() {
        apiAnswered = true;
    }

    boolean hasApiAnswered() {
        return apiAnswered;
    }
}
