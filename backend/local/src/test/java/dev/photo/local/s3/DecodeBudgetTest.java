package dev.photo.local.s3;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

public class DecodeBudgetTest {

    private static final long CAP = 100_000_000L;

    @Test
    void a_photo_at_the_pixel_cap_takes_the_whole_budget_and_smaller_ones_their_share() throws IOException {
        DecodeBudget budget = new DecodeBudget(CAP);
        int all = budget.available();

        assertThat(budget.unitsFor(DecodeBudget.pixels(jpegClaiming(12_000, 8_334)))).isEqualTo(all);
        assertThat(budget.unitsFor(DecodeBudget.pixels(jpegClaiming(6_000, 4_000))))
                .isBetween(all * 23 / 100, all * 25 / 100);
        assertThat(budget.unitsFor(OptionalLong.empty())).as("unmeasured").isEqualTo(all);
    }

    @Test
    void dimensions_come_from_the_header_alone() throws IOException {
        assertThat(DecodeBudget.pixels(jpegClaiming(12_000, 8_333))).hasValue(12_000L * 8_333);
        assertThat(DecodeBudget.pixels("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes())).isEmpty();
        assertThat(DecodeBudget.pixels(new byte[0])).isEmpty();
    }

    /**
     * A small real JPEG whose frame header claims {@code width x height}: what the budget reads is the header, so
     * the test needs no 100 MP image.
     */
    public static byte[] jpegClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && ((jpeg[i + 1] & 0xff) == 0xc0 || (jpeg[i + 1] & 0xff) == 0xc2)) {
                jpeg[i + 5] = (byte) (height >> 8);
                jpeg[i + 6] = (byte) height;
                jpeg[i + 7] = (byte) (width >> 8);
                jpeg[i + 8] = (byte) width;
                return jpeg;
            }
        }
        throw new IllegalStateException("no frame header");
    }
}
