package dev.photo.cli.client;

/** Where the API client gets its bearer token. */
public interface AccessTokens {

    /** A valid access token, logging in or refreshing as needed. */
    String current() throws InterruptedException;

    /** A new access token after the API refused {@code rejected} with 401. */
    String renew(String rejected) throws InterruptedException;
}
