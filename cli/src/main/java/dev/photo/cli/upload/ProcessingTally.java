package dev.photo.cli.upload;

/**
 * How far processing is for the photos {@code --wait} waits for: final READY, final REJECTED (or gone), and still
 * PENDING, of {@link #total()}.
 */
public record ProcessingTally(int ready, int rejected, int pending) {

    public int total() {
        return ready + rejected + pending;
    }

    /** Photos whose processing has ended, either way. */
    public int finished() {
        return ready + rejected;
    }
}
