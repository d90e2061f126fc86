package dev.photo.backend.core.image;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case of {@link FixtureSetTest} again, with JPEGs decoded by libjpeg-turbo at a reduced scale. */
class FixtureSetTurboTest extends FixtureSetTest {

    private long nativeBefore;

    @Override
    JpegDecoding decoding() {
        return JpegDecoding.LIBJPEG_TURBO;
    }

    @BeforeEach
    void the_native_decoder_is_loaded_where_the_build_made_it() {
        TurboJpegTest.assertLoadedWhereBuilt();
        nativeBefore = TurboJpeg.decodes();
    }

    @AfterEach
    void jpegs_went_through_the_native_decoder() {
        // a case that decoded a JPEG must have done it natively (where the library is built): no silent fallback
        if (TurboJpeg.available() && decodedJpegs() > 0) {
            assertThat(TurboJpeg.decodes()).isGreaterThan(nativeBefore);
        }
    }
}
