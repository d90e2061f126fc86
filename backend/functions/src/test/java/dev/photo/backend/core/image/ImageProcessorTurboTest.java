package dev.photo.backend.core.image;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Every case of {@link ImageProcessorTest} again, with JPEGs decoded by libjpeg-turbo at a reduced scale. */
class ImageProcessorTurboTest extends ImageProcessorTest {

    @RegisterExtension
    final NativeDecodes nativeDecodes = new NativeDecodes(this::decodedJpegs);

    @Override
    JpegDecoding decoding() {
        return JpegDecoding.LIBJPEG_TURBO;
    }
}
