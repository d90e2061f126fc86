package dev.photo.cli.client;

/**
 * {@code GET /config}: what a client needs to log in, and how the server would like files uploaded. Every size is
 * {@code null} when the server does not say (older servers leave the multipart advice out).
 *
 * @param maxUploadBytes          the largest file one PUT may carry; larger files must go multipart
 * @param multipartThresholdBytes the server's advice: files at least this large should go multipart
 * @param partBytes               the server's advice: the part size to ask for
 */
public record BackendInfo(String region, String userPoolId, String clientId, String cognitoEndpoint,
                          Long maxUploadBytes, Integer maxBatch, Long multipartThresholdBytes, Long partBytes) {
}
