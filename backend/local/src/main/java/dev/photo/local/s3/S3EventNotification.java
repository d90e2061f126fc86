package dev.photo.local.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** The JSON document S3 sends to a Lambda function for an event, byte for byte in AWS's shape. */
public final class S3EventNotification {

    /** The id the SAM template gives the bucket's notification configuration. */
    public static final String CONFIGURATION_ID = "photo-originals";
    private static final String PRINCIPAL = "local";
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventNotification() {
    }

    /** A {@code {"Records":[...]}} document with this one record. */
    public static String toJson(ObjectCreated event, String region) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putArray("Records").addObject();
        r.put("eventVersion", "2.1");
        r.put("eventSource", "aws:s3");
        r.put("awsRegion", region);
        r.put("eventTime", EVENT_TIME.format(event.eventTime()));
        r.put("eventName", event.eventName());
        r.putObject("userIdentity").put("principalId", PRINCIPAL);
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        r.putObject("responseElements")
                .put("x-amz-request-id", requestId)
                .put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = r.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", CONFIGURATION_ID);
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", event.bucket());
        bucket.putObject("ownerIdentity").put("principalId", PRINCIPAL);
        bucket.put("arn", "arn:aws:s3:::" + event.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(event.key()));
        object.put("size", event.size());
        object.put("eTag", event.eTag());
        object.put("sequencer", event.sequencer());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /**
     * Keys in S3 notifications are form-encoded: a space becomes {@code +}, other reserved bytes {@code %XX},
     * and {@code /} stays as it is.
     */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
