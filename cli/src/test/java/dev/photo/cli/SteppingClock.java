package dev.photo.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves on by {@code step} each time it is read: time passes as fast as the code looks at it. */
public final class SteppingClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration step;

    public SteppingClock(Instant start, Duration step) {
        this.now = new AtomicReference<>(start);
        this.step = step;
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
