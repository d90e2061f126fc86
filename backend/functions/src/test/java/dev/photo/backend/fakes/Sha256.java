package dev.photo.backend.fakes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The one SHA-256 helper of the tests: what a client declares for a file, in hex or base64. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of {@code chunks} read one after another, as if they were one file. */
    public static String hex(byte[]... chunks) {
        return HexFormat.of().formatHex(digest(chunks));
    }

    /** The digest as S3's {@code x-amz-checksum-sha256} header carries it. */
    public static String base64(byte[]... chunks) {
        return Base64.getEncoder().encodeToString(digest(chunks));
    }

    private static byte[] digest(byte[]... chunks) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (byte[] chunk : chunks) {
            md.update(chunk);
        }
        return md.digest();
    }
}
