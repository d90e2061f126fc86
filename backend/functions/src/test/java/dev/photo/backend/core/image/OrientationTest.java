package dev.photo.backend.core.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;

class OrientationTest {

    private static final int W = 4;
    private static final int H = 2;
    private static final int TOP_LEFT = 0xFF0000;
    private static final int TOP_RIGHT = 0x00FF00;

    /** Where the stored top-left and top-right pixels of a 4x2 image land, per the EXIF definition of each value. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 4, 2, 0, 0, 3, 0",
            "2, 4, 2, 3, 0, 0, 0",
            "3, 4, 2, 3, 1, 0, 1",
            "4, 4, 2, 0, 1, 3, 1",
            "5, 2, 4, 0, 0, 0, 3",
            "6, 2, 4, 1, 0, 1, 3",
            "7, 2, 4, 1, 3, 1, 0",
            "8, 2, 4, 0, 3, 0, 0"})
    void applies_every_exif_orientation(int orientation, int width, int height,
                                        int topLeftX, int topLeftY, int topRightX, int topRightY) {
        BufferedImage stored = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, TOP_LEFT);
        stored.setRGB(W - 1, 0, TOP_RIGHT);

        BufferedImage shown = Orientation.applyOpaque(stored, orientation);

        assertThat(shown.getWidth()).isEqualTo(width);
        assertThat(shown.getHeight()).isEqualTo(height);
        assertThat(shown.getRGB(topLeftX, topLeftY) & 0xFFFFFF).isEqualTo(TOP_LEFT);
        assertThat(shown.getRGB(topRightX, topRightY) & 0xFFFFFF).isEqualTo(TOP_RIGHT);
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"0", "9", "-1"})
    void treats_out_of_range_values_as_upright(int orientation) {
        BufferedImage stored = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        stored.setRGB(0, 0, TOP_LEFT);

        BufferedImage shown = Orientation.applyOpaque(stored, orientation);

        assertThat(shown.getWidth()).isEqualTo(W);
        assertThat(shown.getRGB(0, 0) & 0xFFFFFF).isEqualTo(TOP_LEFT);
    }
}
