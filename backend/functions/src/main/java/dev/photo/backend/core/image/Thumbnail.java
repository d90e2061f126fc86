package dev.photo.backend.core.image;

import java.nio.file.Path;

/**
 * A JPEG thumbnail written to a local file.
 *
 * @param size   the longest-side size it was made for (its key name), even when the image was smaller
 * @param file   where the JPEG bytes are
 * @param width  actual pixel width
 * @param height actual pixel height
 */
public record Thumbnail(int size, Path file, int width, int height) {
}
