package dev.photo.backend.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Applies an EXIF orientation. JDK ImageIO ignores it, so the stored pixels are turned here; the result is always
 * an opaque RGB image with any transparency flattened onto white, ready for a JPEG encoder.
 */
public final class Orientation {

    private Orientation() {
    }

    /** The image as it should be displayed: orientation 6 of a 400x300 image gives a 300x400 image. */
    public static BufferedImage applyOpaque(BufferedImage stored, int orientation) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = orientation >= 5 && orientation <= 8;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            // Quarter turns and mirrors map pixels one to one: nearest neighbour is exact and keeps edges sharp.
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(stored, transform(orientation, w, h), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * The transform taking stored coordinates to displayed ones for an image stored {@code w} by {@code h}, as the
     * EXIF specification defines the eight values.
     */
    static AffineTransform transform(int orientation, int w, int h) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
    }
}
