package dev.photo.backend.aws;

import dev.photo.backend.core.ReprocessJob;
import dev.photo.backend.port.RepositoryException;
import dev.photo.backend.port.ReprocessJobs;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ReprocessJobs} in the photos table, one item per job ({@code pk=JOB#<jobId>}, {@code sk=JOB}) that
 * DynamoDB's TTL removes after {@link #KEEP}. Counts move with {@code ADD}, which DynamoDB applies atomically, so
 * processors running in parallel never lose one; a count for a job that does not exist changes nothing.
 */
public final class DynamoReprocessJobs implements ReprocessJobs {

    /** How long a job's counts stay readable. */
    public static final Duration KEEP = Duration.ofDays(30);
    private static final String JOB_SK = "JOB";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoReprocessJobs(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ReprocessJob job) {
        List<AttributeValue> failures = job.failures().stream().map(DynamoReprocessJobs::failure).toList();
        try {
            dynamo.putItem(r -> r.tableName(table).conditionExpression("attribute_not_exists(pk)").item(Map.of(
                    PhotoTable.PK, s(pk(job.jobId())), PhotoTable.SK, s(JOB_SK),
                    "createdAt", s(job.createdAt().toString()), "matched", n(job.matched()),
                    "queued", n(job.queued()), "done", n(job.done()), "failed", n(job.failed()),
                    "failures", AttributeValue.fromL(failures),
                    PhotoTable.TTL_ATTRIBUTE, n(job.createdAt().plus(KEEP).getEpochSecond()))));
        } catch (SdkException e) {
            throw new RepositoryException("cannot record reprocess job " + job.jobId(), e);
        }
    }

    @Override
    public Optional<ReprocessJob> get(String jobId) {
        GetItemResponse response;
        try {
            response = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of(PhotoTable.PK, s(pk(jobId)), PhotoTable.SK, s(JOB_SK))));
        } catch (SdkException e) {
            throw new RepositoryException("cannot read reprocess job " + jobId, e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = response.item();
        List<ReprocessJob.Failure> failures = new ArrayList<>();
        for (AttributeValue f : item.getOrDefault("failures", AttributeValue.fromL(List.of())).l()) {
            failures.add(new ReprocessJob.Failure(f.m().get("owner").s(), f.m().get("photoId").s(),
                    f.m().get("reason").s()));
        }
        return Optional.of(new ReprocessJob(jobId, Instant.parse(item.get("createdAt").s()), num(item, "matched"),
                num(item, "queued"), num(item, "done"), num(item, "failed"), failures));
    }

    @Override
    public void recordDone(String jobId) {
        add(jobId, "done");
    }

    @Override
    public void recordFailed(String jobId, ReprocessJob.Failure failure) {
        if (!add(jobId, "failed")) {
            return;
        }
        try {
            // a second update, so that the count never depends on whether the list still has room
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(PhotoTable.PK, s(pk(jobId)), PhotoTable.SK, s(JOB_SK)))
                    .updateExpression("SET failures = list_append(failures, :f)")
                    .conditionExpression("size(failures) < :max")
                    .expressionAttributeValues(Map.of(":f", AttributeValue.fromL(List.of(failure(failure))),
                            ":max", n(ReprocessJob.MAX_FAILURES))));
        } catch (ConditionalCheckFailedException e) {
            // the first MAX_FAILURES are kept; the count above says how many there were
        } catch (SdkException e) {
            throw new RepositoryException("cannot record a failure of reprocess job " + jobId, e);
        }
    }

    /** @return whether the job exists */
    private boolean add(String jobId, String counter) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(PhotoTable.PK, s(pk(jobId)), PhotoTable.SK, s(JOB_SK)))
                    .updateExpression("ADD #c :one")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#c", counter))
                    .expressionAttributeValues(Map.of(":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new RepositoryException("cannot count in reprocess job " + jobId, e);
        }
    }

    private static AttributeValue failure(ReprocessJob.Failure f) {
        return AttributeValue.fromM(Map.of("owner", s(f.owner()), "photoId", s(f.photoId()), "reason",
                s(f.reason())));
    }

    private static String pk(String jobId) {
        return "JOB#" + jobId;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }
}
