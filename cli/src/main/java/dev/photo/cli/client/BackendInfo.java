package dev.photo.cli.client;

/** {@code GET /config}: what a client needs to log in. */
public record BackendInfo(String region, String userPoolId, String clientId, String cognitoEndpoint,
                          Long maxUploadBytes, Integer maxBatch) {
}
