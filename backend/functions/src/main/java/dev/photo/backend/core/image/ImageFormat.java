package dev.photo.backend.core.image;

/** The image formats the processor accepts, each with the content type it is stored under once sniffed. */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    GIF("image/gif"),
    WEBP("image/webp"),
    HEIC("image/heic"),
    HEIF("image/heif");

    private final String contentType;

    ImageFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether the JDK (with the plugins on the class path) can decode it; HEIC and HEIF need a codec it lacks. */
    public boolean decodable() {
        return this != HEIC && this != HEIF;
    }
}
