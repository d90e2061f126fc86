package dev.photo.local;

import java.net.URI;

/**
 * Where a running local stack answers, and the key pair of its S3-compatible server (for the AWS CLI, rclone and
 * tests; the photo CLI itself only uses presigned URLs).
 */
public record LocalEndpoints(URI api, URI cognito, URI s3, String bucket, String region, String s3AccessKey,
                             String s3SecretKey) {
}
