package dev.photo.local.s3;

import java.time.Instant;

/**
 * One completed write, as S3 reports it.
 *
 * @param eventName {@code ObjectCreated:Put} or {@code ObjectCreated:CompleteMultipartUpload}
 * @param key       the object key, not encoded
 * @param eTag      without quotes
 * @param sequencer hex, increasing with every write, so consumers can order events for the same key
 */
public record ObjectCreated(String eventName, String bucket, String key, long size, String eTag, Instant eventTime,
                            String sequencer) {

    public static final String PUT = "ObjectCreated:Put";
    public static final String COMPLETE_MULTIPART_UPLOAD = "ObjectCreated:CompleteMultipartUpload";
}
