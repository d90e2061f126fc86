package dev.photo.backend.core.image;

/**
 * The content is not an image the processor accepts. The message is the reason recorded on the photo, written for
 * its owner, so it never carries a stack trace or internal detail.
 */
public final class ImageRejectedException extends Exception {

    public ImageRejectedException(String reason) {
        super(reason);
    }

    public ImageRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public String reason() {
        return getMessage();
    }
}
