package dev.photo.local.auth;

/** The tokens of one InitiateAuth answer; {@code refreshToken} is null on a refresh, as Cognito does. */
public record IssuedTokens(String accessToken, String idToken, String refreshToken, long expiresIn) {
}
