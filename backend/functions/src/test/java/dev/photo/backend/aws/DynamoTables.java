package dev.photo.backend.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;

/** Tables made from {@link PhotoTable}, as the template makes the real one. */
public final class DynamoTables {

    /** A fixed key for tests: 32 bytes. */
    public static final byte[] CURSOR_KEY = "test-cursor-key-of-32-bytes-long".getBytes(StandardCharsets.US_ASCII);

    private DynamoTables() {
    }

    /** Creates the table with its TTL and waits until it is active; returns its name. */
    public static String create(DynamoDbClient dynamo, String name) {
        dynamo.createTable(PhotoTable.createTableRequest(name));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamo.updateTimeToLive(PhotoTable.timeToLiveRequest(name));
        return name;
    }
}
