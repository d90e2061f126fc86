package dev.photo.local.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts work in flight so that a shutdown or a test can wait, with a deadline, until none is left.
 */
public final class InFlight {

    private final Object lock = new Object();
    private int count;

    public void begin() {
        synchronized (lock) {
            count++;
        }
    }

    /** Ends one piece of work started with {@link #begin}; waiters wake once none is left. */
    public void end() {
        synchronized (lock) {
            count--;
            if (count == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until no work is in flight; false if some still is when {@code timeout} has passed. */
    public boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (count > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
