package dev.photo.cli.upload;

import dev.photo.cli.client.FileWindows;

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
 * multipart file is read once; memory stays at one window ({@link FileWindows}) whatever the file size.
 */
public final class Sha256 {

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
     * shorter), telling {@code progress} the bytes read as it goes. The file is read as long as it was when opened;
     * one that is cut short or grows meanwhile fails with {@link FileWindows.ChangedException}.
     */
    public static Digest of(Path file, long partSize, LongConsumer progress) throws IOException {
        MessageDigest whole = newDigest();
        MessageDigest part = partSize > 0 ? newDigest() : null;
        List<String> parts = new ArrayList<>();
        long size;
        long[] inPart = {0};
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            FileWindows.read(channel, 0, size, bytes -> {
                int n = bytes.remaining();
                if (part == null) {
                    whole.update(bytes);
                } else {
                    // a window may cross a part's end: each piece goes to the part it belongs to
                    while (bytes.hasRemaining()) {
                        int piece = (int) Math.min(bytes.remaining(), partSize - inPart[0]);
                        ByteBuffer slice = bytes.duplicate();
                        slice.limit(slice.position() + piece);
                        whole.update(slice.duplicate());
                        part.update(slice);
                        bytes.position(bytes.position() + piece);
                        inPart[0] += piece;
                        if (inPart[0] == partSize) {
                            parts.add(HexFormat.of().formatHex(part.digest()));
                            inPart[0] = 0;
                        }
                    }
                }
                progress.accept(n);
            });
            // grown while it was read: the bytes hashed are not what would be sent
            if (channel.size() != size) {
                throw new FileWindows.ChangedException();
            }
        }
        if (part != null && (inPart[0] > 0 || parts.isEmpty())) {
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
