package dev.photo.backend.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Opaque page cursors: the adapter's position, bound by an HMAC-SHA256 to the scope it was issued for (an owner and
 * album, a status, ...). A cursor altered, made up or issued for another scope is refused with 400
 * {@code invalid_cursor}, so a caller can neither forge a position nor walk another owner's listing with it.
 */
public final class SignedCursor {

    /** Fewer bytes would make the MAC guessable; the deployment generates 32 random bytes. */
    public static final int MIN_KEY_BYTES = 32;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SignedCursor(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the cursor key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** {@code base64url(position).base64url(mac(scope, position))}. */
    public String sign(String scope, byte[] position) {
        return ENCODER.encodeToString(position) + "." + ENCODER.encodeToString(mac(scope, position));
    }

    /**
     * @return the position signed into {@code cursor}
     * @throws BadRequestException {@code invalid_cursor} unless this key signed it for this scope
     */
    public byte[] verify(String scope, String cursor) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        if (dot < 1 || cursor.length() > 4096) {
            throw invalid();
        }
        try {
            byte[] position = DECODER.decode(cursor.substring(0, dot));
            byte[] given = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(scope, position))) {
                throw invalid();
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public String signText(String scope, String position) {
        return sign(scope, position.getBytes(StandardCharsets.UTF_8));
    }

    public String verifyText(String scope, String cursor) {
        return new String(verify(scope, cursor), StandardCharsets.UTF_8);
    }

    private byte[] mac(String scope, byte[] position) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(scope.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(position);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    public static BadRequestException invalid() {
        return new BadRequestException("invalid_cursor", "the cursor is not valid");
    }
}
