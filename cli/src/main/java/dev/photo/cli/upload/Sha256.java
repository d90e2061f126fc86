package dev.photo.cli.upload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Streams a file through SHA-256, and optionally each of its parts through a second SHA-256 in the same read, so a
 * multipart file is read once; memory stays at one buffer whatever the file size.
 */
public final class Sha256 {

    private static final int BUFFER = 1024 * 1024;

    private Sha256() {
    }

    /**
     * The digest and the number of bytes it covers, which is the size to declare: the file may have changed
     * since it was listed, and the declared size and checksum must describe the same bytes.
     *
     * @param parts the SHA-256 (hex) of each part, in order; empty unless parts were asked for
     */
    public record Digest(String hex, long size, List<String> parts) {

        public Digest(String hex, long size) {
            this(hex, size, List.of());
        }
    }

    public static Digest of(Path file) throws IOException {
        return of(file, 0, bytes -> { });
    }

    /**
     * Hashes {@code file} and, when {@code partSize > 0}, each run of {@code partSize} bytes (the last may be
     * shorter), telling {@code progress} the bytes read as it goes.
     */
    public static Digest of(Path file, long partSize, LongConsumer progress) throws IOException {
        MessageDigest whole = newDigest();
        MessageDigest part = partSize > 0 ? newDigest() : null;
        List<String> parts = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long size = 0;
        long inPart = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (true) {
                buffer.clear();
                if (part != null) {
                    buffer.limit((int) Math.min(BUFFER, partSize - inPart));
                }
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                whole.update(buffer.duplicate());
                if (part != null) {
                    part.update(buffer);
                    inPart += n;
                    if (inPart == partSize) {
                        parts.add(HexFormat.of().formatHex(part.digest()));
                        inPart = 0;
                    }
                }
                size += n;
                progress.accept(n);
            }
        }
        if (part != null && (inPart > 0 || parts.isEmpty())) {
            parts.add(HexFormat.of().formatHex(part.digest()));
        }
        return new Digest(HexFormat.of().formatHex(whole.digest()), size, List.copyOf(parts));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
