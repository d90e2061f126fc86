package dev.photo.contract;

import java.util.List;

/**
 * {@code GET /config}: what a client needs to log in, the upload limits, and how the server would like files
 * uploaded. Every number is {@code null} when the server does not say (older servers leave the multipart advice out).
 *
 * @param maxUploadBytes          the largest file one PUT may carry; larger files must go multipart
 * @param maxBatch                the most files one {@code POST /uploads} may declare
 * @param maxMultipartBytes       the largest file a multipart upload may carry
 * @param minPartBytes            every part but the last at least this long
 * @param maxPartBytes            no part longer than this
 * @param maxParts                the most parts of one file
 * @param maxPartsPerRequest      the most part URLs one answer carries
 * @param multipartThresholdBytes the server's advice: files at least this large should go multipart
 * @param partBytes               the server's advice: the part size to ask for
 * @param thumbnailSizes          the longest-side sizes of the thumbnails the processor makes, ascending
 */
public record BackendInfo(String region, String userPoolId, String clientId, String cognitoEndpoint,
                          Long maxUploadBytes, Integer maxBatch, Long maxMultipartBytes, Long minPartBytes,
                          Long maxPartBytes, Integer maxParts, Integer maxPartsPerRequest,
                          Long multipartThresholdBytes, Long partBytes, List<Integer> thumbnailSizes) {

    public BackendInfo {
        thumbnailSizes = thumbnailSizes == null ? null : List.copyOf(thumbnailSizes);
    }

    /** As servers without {@code thumbnailSizes} answer. */
    public BackendInfo(String region, String userPoolId, String clientId, String cognitoEndpoint,
                       Long maxUploadBytes, Integer maxBatch, Long maxMultipartBytes, Long minPartBytes,
                       Long maxPartBytes, Integer maxParts, Integer maxPartsPerRequest,
                       Long multipartThresholdBytes, Long partBytes) {
        this(region, userPoolId, clientId, cognitoEndpoint, maxUploadBytes, maxBatch, maxMultipartBytes,
                minPartBytes, maxPartBytes, maxParts, maxPartsPerRequest, multipartThresholdBytes, partBytes, null);
    }

    /** {@link #maxBatch} if the server said, else the contract's own {@link ApiLimits#MAX_BATCH}. */
    public int batchLimit() {
        return maxBatch == null || maxBatch < 1 ? ApiLimits.MAX_BATCH : maxBatch;
    }
}
