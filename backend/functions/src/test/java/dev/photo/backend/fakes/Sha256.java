package dev.photo.backend.fakes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The lowercase hex SHA-256 a client declares for a file, for tests that build uploads. */
public final class Sha256 {

    private Sha256() {
    }

    /** The digest of {@code chunks} read one after another, as if they were one file. */
    public static String hex(byte[]... chunks) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (byte[] chunk : chunks) {
            md.update(chunk);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
