package dev.photo.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints ID and access tokens with the claims Cognito puts in them, signed RS256 with the pool's key (its
 * {@code kid} in the header, as Cognito does).
 */
public final class TokenIssuer {

    public static final Duration TOKEN_TTL = Duration.ofHours(1);

    private final RSAKey key;
    private final RSASSASigner signer;
    private final String issuer;
    private final Clock clock;

    public TokenIssuer(RSAKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not a private RSA key", e);
        }
    }

    /**
     * The issuer of a local pool. Stable across restarts and ports, so that cached tokens stay valid as long as
     * the data directory's key does; a URN because nothing is served at it.
     */
    public static String issuerFor(String userPoolId) {
        return "urn:photo:local:" + userPoolId;
    }

    /**
     * Tokens for a login. {@code originJti} and {@code authTime} identify the original password login and are
     * carried over unchanged by refreshes.
     */
    public IssuedTokens issue(LocalUser user, String clientId, String originJti, long authTime, String refreshToken) {
        Instant now = clock.instant();
        String eventId = UUID.randomUUID().toString();
        JWTClaimsSet.Builder common = new JWTClaimsSet.Builder()
                .subject(user.sub())
                .issuer(issuer)
                .claim("origin_jti", originJti)
                .claim("event_id", eventId)
                .claim("auth_time", authTime)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_TTL)))
                .jwtID(UUID.randomUUID().toString());
        if (!user.groups().isEmpty()) {
            common.claim("cognito:groups", user.groups());
        }
        JWTClaimsSet access = new JWTClaimsSet.Builder(common.build())
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", user.username())
                .build();
        JWTClaimsSet id = new JWTClaimsSet.Builder(common.build())
                .jwtID(UUID.randomUUID().toString())
                .audience(clientId)
                .claim("cognito:username", user.username())
                .claim("token_use", "id")
                .build();
        return new IssuedTokens(sign(access), sign(id), refreshToken, TOKEN_TTL.toSeconds());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a valid RSA key cannot fail", e);
        }
    }
}
