package dev.photo.cli.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Streams a file through SHA-256; memory stays at one buffer whatever the file size. */
public final class Sha256 {

    private static final int BUFFER = 64 * 1024;

    private Sha256() {
    }

    /**
     * The digest and the number of bytes it covers, which is the size to declare: the file may have changed
     * since it was listed, and the declared size and checksum must describe the same bytes.
     */
    public record Digest(String hex, long size) {
    }

    public static Digest of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new Digest(HexFormat.of().formatHex(digest.digest()), size);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
