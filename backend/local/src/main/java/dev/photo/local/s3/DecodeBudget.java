package dev.photo.local.s3;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.backend.port.ForwardingObjectStore;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.ObjectStoreException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * Bounds the memory that the local stack's processor spends decoding photos at once. On AWS each Lambda instance
 * processes one photo, so the per-photo bound of the decoder (docs/benchmarks.md, Thumbnails, Memory: about 530 MB RSS
 * for a 100 MP progressive JPEG) is the instance's; here one process runs several invocations at a time, and N large
 * photos at once would take N times that (libjpeg keeps every coefficient of a progressive JPEG outside the heap,
 * which no {@code -Xmx} limits).
 *
 * <p>Each original the processor opens is weighed by its pixels, read from the image's header (the first
 * {@link #HEADER_PREFIX} bytes, without decoding), at {@link #BYTES_PER_PIXEL}; the invocation holds that much of a
 * budget of {@code maxPixels * BYTES_PER_PIXEL} until it ends, so a photo at the pixel cap is decoded alone while
 * smaller ones share the budget. An original whose header cannot be read there (not an image the JDK knows, or a
 * header pushed past the prefix) weighs the whole budget: nothing unmeasured is decoded beside anything else.
 * Waiting is fair (first come, first served), so a large photo is not starved by a stream of small ones.
 */
public final class DecodeBudget {

    /**
     * Decode memory per pixel of the original: libjpeg's coefficient buffers of a progressive JPEG (about 3 bytes)
     * plus the decoded RGB raster on the heap (3 bytes; subsampled above 40 MP, so this over-counts the largest).
     */
    static final int BYTES_PER_PIXEL = 6;
    /** How much of the original is read to find its dimensions; JPEG headers sit behind EXIF of up to 64 KiB. */
    static final int HEADER_PREFIX = 256 * 1024;
    /** Permits are KiB, so that a budget of gigabytes fits an int. */
    private static final int UNIT = 1024;

    private final int totalUnits;
    private final Semaphore units;
    /** What the invocation running on this thread holds: released when it opens the next original, or ends. */
    private final ThreadLocal<Integer> held = ThreadLocal.withInitial(() -> 0);

    /** @param maxPixels the processor's pixel cap: a photo at the cap takes the whole budget */
    public DecodeBudget(long maxPixels) {
        long bytes = Math.multiplyExact(maxPixels, (long) BYTES_PER_PIXEL);
        this.totalUnits = (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / UNIT));
        this.units = new Semaphore(totalUnits, true);
    }

    /** The budget's share a photo of this many pixels takes; unknown ({@code empty}) takes all of it. */
    int unitsFor(OptionalLong pixels) {
        if (pixels.isEmpty()) {
            return totalUnits;
        }
        long wanted = Math.max(1, pixels.getAsLong() * BYTES_PER_PIXEL / UNIT);
        return (int) Math.min(totalUnits, wanted);
    }

    /** How many units are free now (tests). */
    int available() {
        return units.availablePermits();
    }

    /** The processor's object store, each {@link ObjectStore#open} waiting for its photo's share of the budget. */
    public ObjectStore around(ObjectStore objects) {
        return new Budgeted(objects);
    }

    /** The processor function, giving back what its invocation held when it returns or fails. */
    public RequestStreamHandler around(RequestStreamHandler function) {
        return (input, output, context) -> {
            try {
                function.handleRequest(input, output, context);
            } finally {
                release();
            }
        };
    }

    private void acquire(int wanted) {
        release();
        try {
            units.acquire(wanted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("interrupted while waiting to decode", e);
        }
        held.set(wanted);
    }

    private void release() {
        int n = held.get();
        if (n > 0) {
            held.set(0);
            units.release(n);
        }
    }

    /** Width times height from the header in {@code prefix}, if an ImageIO reader finds one there. */
    static OptionalLong pixels(byte[] prefix) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(prefix))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in, true, true);
                    return OptionalLong.of((long) reader.getWidth(0) * reader.getHeight(0));
                } catch (IOException | RuntimeException e) {
                    // header beyond the prefix, or not this reader's format: try the next, else unknown
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private final class Budgeted extends ForwardingObjectStore {

        Budgeted(ObjectStore real) {
            super(real);
        }

        /**
         * Reads the header from a first GET and closes it before waiting: a response left unread while the budget is
         * busy would be cut by the S3 server's idle timeout. The object is then opened again for the processor.
         */
        @Override
        public Optional<InputStream> open(String key) {
            Optional<InputStream> first = delegate.open(key);
            if (first.isEmpty()) {
                return first;
            }
            byte[] prefix;
            try (InputStream body = first.get()) {
                prefix = body.readNBytes(HEADER_PREFIX);
            } catch (IOException e) {
                throw new ObjectStoreException("cannot read " + key, e);
            }
            acquire(unitsFor(pixels(prefix)));
            // held until the invocation ends (DecodeBudget#around(RequestStreamHandler)), also when it is gone now
            return delegate.open(key);
        }
    }
}
