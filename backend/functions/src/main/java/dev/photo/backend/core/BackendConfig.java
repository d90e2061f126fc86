package dev.photo.backend.core;

import dev.photo.contract.ApiLimits;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings shared by the handlers. Built once per process (Lambda init or local stack start), never per request.
 *
 * @param region            AWS region name ({@code local} on the embedded stack)
 * @param bucket            the one bucket that holds originals and thumbnails
 * @param userPoolId        Cognito user pool id, published by {@code GET /config}
 * @param clientId          Cognito app client id, published by {@code GET /config}
 * @param cognitoEndpoint   where {@code InitiateAuth} is served, published by {@code GET /config}
 * @param maxUploadBytes    largest file accepted for a single presigned PUT
 * @param maxMultipartBytes largest file accepted as a multipart upload
 * @param multipartThresholdBytes advice published by {@code GET /config}: files at least this large should go as
 *                          multipart uploads (files above {@code maxUploadBytes} must, whatever the advice)
 * @param partBytes         advice published by {@code GET /config}: the part size clients should ask for
 * @param uploadUrlTtl      lifetime of presigned PUT URLs
 * @param downloadUrlTtl    lifetime of presigned GET URLs
 * @param maxPixels         largest width*height the processor will decode
 * @param thumbnailSizes    longest-side sizes of the thumbnails the processor makes
 */
public record BackendConfig(
        String region,
        String bucket,
        String userPoolId,
        String clientId,
        URI cognitoEndpoint,
        long maxUploadBytes,
        long maxMultipartBytes,
        long multipartThresholdBytes,
        long partBytes,
        Duration uploadUrlTtl,
        Duration downloadUrlTtl,
        long maxPixels,
        List<Integer> thumbnailSizes) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 200L * 1024 * 1024;
    public static final long DEFAULT_MAX_MULTIPART_BYTES = 50L * 1024 * 1024 * 1024;
    /**
     * On S3 itself parts go in parallel and fail alone, which beats one PUT from about this size on (docs/upload.md).
     */
    public static final long DEFAULT_MULTIPART_THRESHOLD_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_PART_BYTES = 16L * 1024 * 1024;
    public static final Duration DEFAULT_UPLOAD_URL_TTL = Duration.ofMinutes(15);
    public static final Duration DEFAULT_DOWNLOAD_URL_TTL = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    public static final List<Integer> DEFAULT_THUMBNAIL_SIZES = List.of(256, 1024);

    public BackendConfig {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(userPoolId, "userPoolId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(cognitoEndpoint, "cognitoEndpoint");
        if (multipartThresholdBytes < 1) {
            throw new IllegalArgumentException("multipartThresholdBytes must be at least 1, not "
                    + multipartThresholdBytes);
        }
        if (partBytes < ApiLimits.MIN_PART_BYTES || partBytes > ApiLimits.MAX_PART_BYTES) {
            throw new IllegalArgumentException("partBytes must be between " + ApiLimits.MIN_PART_BYTES
                    + " and " + ApiLimits.MAX_PART_BYTES + " (S3's part sizes), not " + partBytes);
        }
        thumbnailSizes = List.copyOf(thumbnailSizes);
    }

    /** The defaults for everything but the identifiers of the deployment. */
    public static BackendConfig of(String region, String bucket, String userPoolId, String clientId,
                                   URI cognitoEndpoint) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, DEFAULT_MAX_UPLOAD_BYTES,
                DEFAULT_MAX_MULTIPART_BYTES, DEFAULT_MULTIPART_THRESHOLD_BYTES, DEFAULT_PART_BYTES,
                DEFAULT_UPLOAD_URL_TTL, DEFAULT_DOWNLOAD_URL_TTL, DEFAULT_MAX_PIXELS,
                DEFAULT_THUMBNAIL_SIZES);
    }

    /**
     * Reads a Lambda function's environment: {@code PHOTO_REGION} (else {@code AWS_REGION}), {@code PHOTO_BUCKET},
     * {@code PHOTO_USER_POOL_ID}, {@code PHOTO_CLIENT_ID}, {@code PHOTO_COGNITO_ENDPOINT} (else the regional
     * Cognito endpoint), and optionally {@code PHOTO_MAX_UPLOAD_BYTES}, {@code PHOTO_MAX_MULTIPART_BYTES},
     * {@code PHOTO_MULTIPART_THRESHOLD_BYTES}, {@code PHOTO_PART_BYTES}, {@code PHOTO_UPLOAD_URL_TTL_SECONDS},
     * {@code PHOTO_DOWNLOAD_URL_TTL_SECONDS}, {@code PHOTO_MAX_PIXELS}.
     */
    public static BackendConfig fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("PHOTO_REGION", env.get("AWS_REGION"));
        String cognito = env.getOrDefault("PHOTO_COGNITO_ENDPOINT",
                "https://cognito-idp." + region + ".amazonaws.com/");
        return new BackendConfig(
                required(env, "PHOTO_REGION", region),
                required(env, "PHOTO_BUCKET", env.get("PHOTO_BUCKET")),
                required(env, "PHOTO_USER_POOL_ID", env.get("PHOTO_USER_POOL_ID")),
                required(env, "PHOTO_CLIENT_ID", env.get("PHOTO_CLIENT_ID")),
                URI.create(cognito),
                Long.parseLong(env.getOrDefault("PHOTO_MAX_UPLOAD_BYTES", Long.toString(DEFAULT_MAX_UPLOAD_BYTES))),
                Long.parseLong(env.getOrDefault("PHOTO_MAX_MULTIPART_BYTES",
                        Long.toString(DEFAULT_MAX_MULTIPART_BYTES))),
                Long.parseLong(env.getOrDefault("PHOTO_MULTIPART_THRESHOLD_BYTES",
                        Long.toString(DEFAULT_MULTIPART_THRESHOLD_BYTES))),
                Long.parseLong(env.getOrDefault("PHOTO_PART_BYTES", Long.toString(DEFAULT_PART_BYTES))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("PHOTO_UPLOAD_URL_TTL_SECONDS",
                        Long.toString(DEFAULT_UPLOAD_URL_TTL.toSeconds())))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("PHOTO_DOWNLOAD_URL_TTL_SECONDS",
                        Long.toString(DEFAULT_DOWNLOAD_URL_TTL.toSeconds())))),
                Long.parseLong(env.getOrDefault("PHOTO_MAX_PIXELS", Long.toString(DEFAULT_MAX_PIXELS))),
                DEFAULT_THUMBNAIL_SIZES);
    }

    private static String required(Map<String, String> env, String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }

    public BackendConfig withMaxUploadBytes(long bytes) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, bytes, maxMultipartBytes,
                multipartThresholdBytes, partBytes, uploadUrlTtl, downloadUrlTtl, maxPixels, thumbnailSizes);
    }

    public BackendConfig withMaxMultipartBytes(long bytes) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, maxUploadBytes, bytes,
                multipartThresholdBytes, partBytes, uploadUrlTtl, downloadUrlTtl, maxPixels, thumbnailSizes);
    }

    /** The advice {@code GET /config} gives on when to go multipart and with which part size. */
    public BackendConfig withMultipartAdvice(long thresholdBytes, long partSizeBytes) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, maxUploadBytes,
                maxMultipartBytes, thresholdBytes, partSizeBytes, uploadUrlTtl, downloadUrlTtl, maxPixels,
                thumbnailSizes);
    }

    public BackendConfig withUploadUrlTtl(Duration ttl) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, maxUploadBytes,
                maxMultipartBytes, multipartThresholdBytes, partBytes, ttl, downloadUrlTtl, maxPixels, thumbnailSizes);
    }

    public BackendConfig withMaxPixels(long pixels) {
        return new BackendConfig(region, bucket, userPoolId, clientId, cognitoEndpoint, maxUploadBytes,
                maxMultipartBytes, multipartThresholdBytes, partBytes, uploadUrlTtl, downloadUrlTtl, pixels,
                thumbnailSizes);
    }
}
