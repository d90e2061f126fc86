package dev.photo.backend.aws;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

import java.util.List;

/**
 * The one DynamoDB table of {@link DynamoPhotoRepository}: its keys, indexes and TTL attribute. Tests create the
 * table from {@link #createTableRequest}; {@code backend/template.yaml} must declare exactly the same.
 *
 * <p>Items (every key a string):
 * <ul>
 *   <li>photo: {@code pk=USER#<owner>}, {@code sk=PHOTO#<photoId>}; {@code gsi1pk=ALBUM#<owner>#<album>},
 *       {@code gsi1sk=<photoId>}; {@code gsi2pk=STATUS#<status>}, {@code gsi2sk=<uploadedAt>#<photoId>};
 *       {@code expiresAt} while PENDING</li>
 *   <li>content guard: {@code pk=USER#<owner>}, {@code sk=SHA#<sha256>}, naming the photo; {@code expiresAt} while
 *       that photo is PENDING</li>
 *   <li>album counter: {@code pk=USER#<owner>}, {@code sk=ALBUM#<album>}: READY photos and their bytes</li>
 *   <li>owner counter: {@code pk=USER#<owner>}, {@code sk=STATS}, {@code gsi2pk=OWNERS}, {@code gsi2sk=<owner>}</li>
 *   <li>overall counter: {@code pk=STATS}, {@code sk=STATS}</li>
 * </ul>
 */
public final class PhotoTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** Epoch seconds after which DynamoDB may delete the item: the PENDING record of an upload that never came. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private PhotoTable() {
    }

    /** On-demand billing, the two keys and both indexes (projection ALL). */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string(PK), string(SK), string(GSI1_PK), string(GSI1_SK), string(GSI2_PK),
                        string(GSI2_SK))
                .keySchema(hash(PK), range(SK))
                .globalSecondaryIndexes(index(GSI1, GSI1_PK, GSI1_SK), index(GSI2, GSI2_PK, GSI2_SK))
                .build();
    }

    public static UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL_ATTRIBUTE))
                .build();
    }

    private static GlobalSecondaryIndex index(String name, String hashKey, String rangeKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(List.of(hash(hashKey), range(rangeKey)))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
