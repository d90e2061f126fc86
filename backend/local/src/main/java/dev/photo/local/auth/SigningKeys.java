package dev.photo.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.photo.files.SecureFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The pool's RS256 key pair, kept as a private JWK (0600) in the data directory so that tokens stay valid across
 * restarts. Made on first use.
 */
public final class SigningKeys {

    private final RSAKey key;

    private SigningKeys(RSAKey key) {
        this.key = key;
    }

    /** Loads the key from {@code file}, generating and storing a new one if the file does not exist. */
    public static SigningKeys loadOrCreate(Path file) {
        byte[] stored = SecureFiles.readOrCreate(file,
                () -> generate().toJSONString().getBytes(StandardCharsets.UTF_8));
        try {
            RSAKey key = RSAKey.parse(new String(stored, StandardCharsets.UTF_8));
            if (!key.isPrivate() || key.getKeyID() == null) {
                throw new IllegalStateException(file.getFileName() + " does not hold a private RSA key with a kid");
            }
            return new SigningKeys(key);
        } catch (ParseException e) {
            throw new IllegalStateException(file.getFileName() + " is not a JWK", e);
        }
    }

    /** A fresh key that lives only in memory (tests). */
    public static SigningKeys ephemeral() {
        return new SigningKeys(generate());
    }

    public RSAKey privateKey() {
        return key;
    }

    /** What the JWKS endpoint publishes: public parts only. */
    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation is part of every Java runtime", e);
        }
    }
}
