package dev.photo.local.s3;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Stands in for the processor while processing is held: keeps every ObjectCreated event and runs nothing. A
 * benchmark of upload tools then times the transfers alone, with no thumbnailing competing for the same CPUs.
 * Held events are not counted as pending, so waiting for processing to catch up returns at once.
 */
public final class HeldEvents implements ObjectCreatedListener {

    private final ConcurrentLinkedQueue<ObjectCreated> held = new ConcurrentLinkedQueue<>();

    @Override
    public void objectCreated(ObjectCreated event) {
        held.add(event);
    }

    /** The events received so far, oldest first. */
    public List<ObjectCreated> held() {
        return List.copyOf(held);
    }
}
