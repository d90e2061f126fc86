package dev.photo.backend.core.image;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The processor's hook before each decode, counting them: a processor test asserts that a refused file was never
 * decoded, and {@link NativeDecodes} that a decoded JPEG went through libjpeg-turbo.
 */
final class DecodeCounter implements Consumer<ImageFormat> {

    private final AtomicInteger all = new AtomicInteger();
    private final AtomicInteger jpegs = new AtomicInteger();

    @Override
    public void accept(ImageFormat format) {
        all.incrementAndGet();
        if (format == ImageFormat.JPEG) {
            jpegs.incrementAndGet();
        }
    }

    /** Decodes of any format so far. */
    int all() {
        return all.get();
    }

    /** JPEG decodes so far, by either decoder. */
    int jpegs() {
        return jpegs.get();
    }
}
