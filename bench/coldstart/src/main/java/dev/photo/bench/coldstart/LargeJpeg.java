package dev.photo.bench.coldstart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a camera-sized JPEG (default 6000x4000, 24 megapixels) of gradients and noise, so the processor's peak
 * memory can be measured on the kind of photo it will meet rather than on the small samples.
 *
 * <p>Usage: {@code LargeJpeg OUT [WIDTH HEIGHT]}.
 */
public final class LargeJpeg {

    private LargeJpeg() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int width = args.length > 2 ? Integer.parseInt(args[1]) : 6000;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / width;
                int g = y * 255 / height;
                int b = random.nextInt(256);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        if (!ImageIO.write(image, "jpg", out.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }
}
