package dev.photo.contract;

import java.util.regex.Pattern;

/** The format of a declared SHA-256: 64 hexadecimal characters (the server stores them lower-case). */
public final class Checksums {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private Checksums() {
    }

    public static boolean isSha256(String hex) {
        return hex != null && SHA256.matcher(hex).matches();
    }
}
