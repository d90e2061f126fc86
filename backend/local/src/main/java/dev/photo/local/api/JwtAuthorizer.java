package dev.photo.local.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a bearer token the way API Gateway's HTTP API JWT authorizer does: an RS256 signature by a key of the
 * pool's JWKS (chosen by {@code kid}), an unexpired {@code exp}, {@code nbf} and {@code iat} not in the future, the
 * pool's issuer, and the app client either as {@code aud} (ID tokens) or {@code client_id} (access tokens).
 */
public final class JwtAuthorizer {

    private final JWKSet keys;
    private final String issuer;
    private final String clientId;
    private final Clock clock;

    public JwtAuthorizer(JWKSet keys, String issuer, String clientId, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.clientId = clientId;
        this.clock = clock;
    }

    /**
     * The verified token's claims as JSON values (numbers for times, lists for arrays); empty for a missing,
     * malformed, forged, expired or foreign token.
     */
    public Optional<Map<String, Object>> authorize(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorizationHeader.substring(7).trim());
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !signatureValid(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claimsValid(claims) ? Optional.of(claims.toJSONObject()) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private boolean signatureValid(SignedJWT jwt) throws JOSEException {
        String kid = jwt.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(key instanceof RSAKey rsa)) {
            return false;
        }
        return jwt.verify(new RSASSAVerifier(rsa));
    }

    private boolean claimsValid(JWTClaimsSet claims) throws ParseException {
        Date now = Date.from(clock.instant());
        Date exp = claims.getExpirationTime();
        if (exp == null || !now.before(exp)) {
            return false;
        }
        if (claims.getNotBeforeTime() != null && now.before(claims.getNotBeforeTime())) {
            return false;
        }
        if (claims.getIssueTime() != null && now.before(claims.getIssueTime())) {
            return false;
        }
        if (!issuer.equals(claims.getIssuer())) {
            return false;
        }
        List<String> aud = claims.getAudience();
        return (aud != null && aud.contains(clientId)) || clientId.equals(claims.getStringClaim("client_id"));
    }
}
