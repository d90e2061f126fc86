package dev.photo.cli.client;

import dev.photo.cli.config.CachedTokens;

/** Cognito's InitiateAuth, RespondToAuthChallenge and RevokeToken, as far as the CLI needs them. */
public interface LoginService {

    /**
     * USER_PASSWORD_AUTH; a wrong username or password throws a {@code CliException} with exit code AUTH.
     *
     * @throws NewPasswordRequiredException if the password is temporary and must be replaced first
     */
    CachedTokens login(Credentials credentials);

    /** REFRESH_TOKEN_AUTH; the result keeps {@code refreshToken} when Cognito does not issue a new one. */
    CachedTokens refresh(String refreshToken);

    /** Answers NEW_PASSWORD_REQUIRED with the new password; the result is a complete login. */
    CachedTokens completeNewPassword(NewPasswordRequiredException challenge, String newPassword);

    /**
     * Revokes the refresh token (and the tokens issued from it).
     *
     * @return false when the endpoint does not support revocation, which leaves the token valid until it expires
     */
    boolean revoke(String refreshToken);
}
