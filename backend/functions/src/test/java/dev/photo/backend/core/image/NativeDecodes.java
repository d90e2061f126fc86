package dev.photo.backend.core.image;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For a processor test class run again through libjpeg-turbo: before each case the native library must be loaded
 * where the build made it, and after it a case that decoded a JPEG must have done so natively, so that a silent
 * fallback to the JDK's decoder cannot pass for the native path. Registered as an instance field, one per case.
 */
final class NativeDecodes implements BeforeEachCallback, AfterEachCallback {

    private final IntSupplier decodedJpegs;
    private long before;

    /** @param decodedJpegs how many JPEGs the case has decoded so far, by either decoder */
    NativeDecodes(IntSupplier decodedJpegs) {
        this.decodedJpegs = decodedJpegs;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TurboJpegTest.assertLoadedWhereBuilt();
        before = TurboJpeg.decodes();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (TurboJpeg.available() && decodedJpegs.getAsInt() > 0) {
            assertThat(TurboJpeg.decodes()).as("native decodes").isGreaterThan(before);
        }
    }
}
