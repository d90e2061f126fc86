package dev.photo.cli.client;

import dev.photo.cli.config.CachedTokens;

/** Cognito's InitiateAuth, as far as the CLI needs it. */
public interface LoginService {

    /** USER_PASSWORD_AUTH; a wrong username or password throws a {@code CliException} with exit code AUTH. */
    CachedTokens login(Credentials credentials);

    /** REFRESH_TOKEN_AUTH; the result keeps {@code refreshToken} when Cognito does not issue a new one. */
    CachedTokens refresh(String refreshToken);
}
