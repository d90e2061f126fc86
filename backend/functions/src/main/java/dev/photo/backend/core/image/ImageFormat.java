package dev.photo.backend.core.image;

import java.util.Set;

/**
 * The image formats the processor accepts, each with the content type it is stored under once sniffed and the
 * declared content types that agree with it.
 */
public enum ImageFormat {
    JPEG("image/jpeg", true, Set.of("image/jpeg")),
    PNG("image/png", true, Set.of("image/png")),
    GIF("image/gif", true, Set.of("image/gif")),
    WEBP("image/webp", true, Set.of("image/webp")),
    /** Both brands of the same container: phones and tools label either one as the other. */
    HEIC("image/heic", false, Set.of("image/heic", "image/heif")),
    HEIF("image/heif", false, Set.of("image/heic", "image/heif")),
    /**
     * TIFF-structured files: plain TIFF and the camera raw formats built on it (DNG, NEF, ARW, PEF, ...), which
     * cannot be told apart by their first bytes.
     */
    TIFF("image/tiff", false, RawTypes.TIFF_FAMILY),
    /** Camera raw formats with a signature of their own (CR2, CR3, ORF, RW2, RAF). */
    RAW("image/x-raw", false, RawTypes.TIFF_FAMILY);

    private final String contentType;
    private final boolean decodable;
    private final Set<String> declaredTypes;

    ImageFormat(String contentType, boolean decodable, Set<String> declaredTypes) {
        this.contentType = contentType;
        this.decodable = decodable;
        this.declaredTypes = declaredTypes;
    }

    public String contentType() {
        return contentType;
    }

    /** Whether the JDK with the plugins on the class path can decode it; HEIC, TIFF and raw need codecs it lacks. */
    public boolean decodable() {
        return decodable;
    }

    /** Whether an upload declared as {@code declared} may hold this format. */
    public boolean agreesWith(String declared) {
        return declared != null && declaredTypes.contains(declared);
    }

    /**
     * The content type to record: the sniffed one, except that a raw file keeps its declared, more precise type
     * ({@code image/x-nikon-nef}) when that agrees with what was sniffed.
     */
    public String recordedType(String declared) {
        return (this == TIFF || this == RAW) && agreesWith(declared) ? declared : contentType;
    }

    /** The declared types a raw or TIFF upload may carry. */
    static final class RawTypes {
        static final Set<String> TIFF_FAMILY = Set.of("image/tiff", "image/x-adobe-dng", "image/x-canon-cr2",
                "image/x-canon-cr3", "image/x-nikon-nef", "image/x-sony-arw", "image/x-fuji-raf",
                "image/x-olympus-orf", "image/x-panasonic-rw2", "image/x-pentax-pef", "image/x-raw");

        private RawTypes() {
        }
    }
}
