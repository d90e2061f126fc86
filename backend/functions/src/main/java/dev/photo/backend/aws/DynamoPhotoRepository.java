package dev.photo.backend.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.contract.PhotoQuery;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.core.SignedCursor;
import dev.photo.backend.core.StatusTransitions;
import dev.photo.backend.core.image.ImageMetadataJson;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.backend.port.RepositoryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link PhotoRepository} on one DynamoDB table laid out as {@link PhotoTable} describes; every read is a GetItem
 * or a Query, never a Scan.
 *
 * <p>Uniqueness of (owner, sha256) is a guard item written with {@code attribute_not_exists} in the same
 * {@code TransactWriteItems} as the photo (a GSI is eventually consistent and cannot guard anything). Every
 * transaction that changes a photo also moves its counters (album, owner, overall) and is conditional on the exact
 * state read before it (status, album, upload time): a repeated S3 event, a delete that came first, or a concurrent
 * writer makes the condition fail, and the write is re-judged against the new state instead of counting twice.
 *
 * <p>A PENDING photo and its guard carry {@code expiresAt} ({@link PhotoRepository#PENDING_LIFETIME} after upload),
 * so DynamoDB's TTL drops uploads that never arrived. TTL deletes when it gets round to it (within days), so reads
 * treat an item past {@code expiresAt} as gone, and a guard past it may be taken over. TTL deletions bypass this
 * adapter, which is why PENDING photos are not kept in counters: they are counted by a Query on {@code gsi2}.
 *
 * <p>Pages follow DynamoDB's {@code Limit}/{@code LastEvaluatedKey}: expired items are skipped after being read, so
 * a Query can come back short or empty with a key. A page is filled by querying again, at most
 * {@link #MAX_QUERIES_PER_PAGE} times; past that bound the page is returned short (possibly empty) with a cursor.
 */
public final class DynamoPhotoRepository implements PhotoRepository {

    /** Bounds the work of one page when many skipped items sit between the kept ones. */
    static final int MAX_QUERIES_PER_PAGE = 5;
    /** Items a filtered listing reads per Query. */
    static final int FILTERED_READ = 200;
    /** Items a rename step reads per Query of the old album. */
    private static final int RENAME_READ = 100;

    private static final DateTimeFormatter INSTANT_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> KEY_MAP = new TypeReference<>() {
    };
    private static final int ATTEMPTS = 4;
    private static final String USER = "USER#";
    private static final String PHOTO = "PHOTO#";
    private static final String SHA = "SHA#";
    private static final String ALBUM = "ALBUM#";
    private static final String STATS = "STATS";
    private static final String OWNERS = "OWNERS";
    private static final String STATUS = "STATUS#";
    private static final List<String> TABLE_KEYS = List.of(PhotoTable.PK, PhotoTable.SK);
    private static final List<String> GSI1_KEYS =
            List.of(PhotoTable.PK, PhotoTable.SK, PhotoTable.GSI1_PK, PhotoTable.GSI1_SK);
    private static final List<String> GSI2_KEYS =
            List.of(PhotoTable.PK, PhotoTable.SK, PhotoTable.GSI2_PK, PhotoTable.GSI2_SK);

    private final DynamoDbClient dynamo;
    private final String table;
    private final SignedCursor cursors;
    private final Clock clock;

    public DynamoPhotoRepository(DynamoDbClient dynamo, String tableName, byte[] cursorKey, Clock clock) {
        this.dynamo = dynamo;
        this.table = tableName;
        this.cursors = new SignedCursor(cursorKey);
        this.clock = clock;
    }

    @Override
    public void put(Photo photo) {
        long now = clock.instant().getEpochSecond();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(photoItem(photo))
                .conditionExpression("attribute_not_exists(pk)")).build());
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(guardItem(photo))
                .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                .expressionAttributeValues(Map.of(":now", n(now)))).build());
        Counts delta = Counts.of(photo);
        writes.add(ownerCounter(photo.owner(), delta));
        if (!delta.isZero()) {
            writes.add(overallCounter(delta));
        }
        if (delta.ready != 0) {
            writes.add(albumCounter(photo.owner(), photo.album(), delta));
        }
        try {
            transact(writes);
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) {
                throw new ConflictException("the owner already has a photo with this id or content");
            }
            throw new RepositoryException("recording a photo collided with another write; try again", e);
        }
    }

    @Override
    public boolean update(Photo given, PhotoStatus expected) {
        StatusTransitions.require(expected, given.status());
        return withRetries("update", () -> {
            Optional<Photo> read = live(given.owner(), given.photoId());
            if (read.isEmpty() || read.get().status() != expected) {
                return Optional.of(false);
            }
            Photo old = read.get();
            Photo photo = PhotoRepository.keepingAlbum(given, old);
            if (!old.sha256().equals(photo.sha256())) {
                throw new IllegalArgumentException("a photo's content hash never changes");
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(photoItem(photo))
                    .conditionExpression(UNCHANGED).expressionAttributeNames(UNCHANGED_NAMES)
                    .expressionAttributeValues(unchangedValues(old))).build());
            if (photo.status() == PhotoStatus.PENDING) {
                writes.add(guardUpdate(photo, "SET expiresAt = :exp",
                        Map.of(":exp", n(expiry(photo)))));
            } else if (old.status() == PhotoStatus.PENDING) {
                writes.add(guardUpdate(photo, "REMOVE expiresAt", Map.of()));
            }
            addCounterMoves(writes, old, photo);
            return attempt(writes) ? Optional.of(true) : Optional.empty();
        });
    }

    @Override
    public Optional<Photo> get(String owner, String photoId) {
        return live(owner, photoId);
    }

    @Override
    public Optional<Photo> findBySha256(String owner, String sha256) {
        Map<String, AttributeValue> guard = getItem(USER + owner, SHA + sha256);
        if (guard == null || expired(guard)) {
            return Optional.empty();
        }
        return live(owner, guard.get("photoId").s()).filter(p -> p.sha256().equals(sha256));
    }

    @Override
    public Page<Photo> list(String owner, String album, PhotoFilter filter, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(false);
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> keys;
        if (album == null) {
            query.keyConditionExpression("pk = :pk AND begins_with(sk, :photo)").consistentRead(true);
            values.put(":pk", s(USER + owner));
            values.put(":photo", s(PHOTO));
            keys = TABLE_KEYS;
        } else {
            query.indexName(PhotoTable.GSI1).keyConditionExpression("gsi1pk = :album");
            values.put(":album", s(albumKey(owner, album)));
            keys = GSI1_KEYS;
        }
        int minRead = 1;
        if (!filter.isNone()) {
            query.filterExpression(filterExpression(filter, values));
            if (filter.status() != null) {
                query.expressionAttributeNames(UNCHANGED_NAMES);
            }
            // Limit counts the items read before the filter: read more per query so that a sparse filter still
            // fills pages, and resume from the last item kept, so nothing read past it is lost
            minRead = FILTERED_READ;
        }
        query.expressionAttributeValues(values);
        return page(query, keys, "list\n" + owner + "\n" + (album == null ? "" : album) + filter.scope(), limit,
                cursor, minRead, this::livePhoto);
    }

    /**
     * The filter as a DynamoDB filter expression over the item's own attributes (fixed-width instants compare as
     * text). By taken-at, a photo without {@code takenAt} (not processed yet) counts by its upload time, as the API
     * shows it.
     */
    private static String filterExpression(PhotoFilter filter, Map<String, AttributeValue> values) {
        List<String> parts = new ArrayList<>();
        if (filter.status() != null) {
            parts.add("#status = :fstatus");
            values.put(":fstatus", s(filter.status().name()));
        }
        if (filter.since() != null) {
            values.put(":fsince", s(text(filter.since())));
            parts.add(timeCondition(filter, ">= :fsince"));
        }
        if (filter.until() != null) {
            values.put(":funtil", s(text(filter.until())));
            parts.add(timeCondition(filter, "< :funtil"));
        }
        return String.join(" AND ", parts);
    }

    private static String timeCondition(PhotoFilter filter, String comparison) {
        if (filter.by() == PhotoQuery.TimeField.uploaded) {
            return "uploadedAt " + comparison;
        }
        return "((attribute_exists(takenAt) AND takenAt " + comparison + ") OR (attribute_not_exists(takenAt)"
                + " AND uploadedAt " + comparison + "))";
    }

    /** READY photos only; the newest is found through {@code gsi1}, so it may lag a just-processed photo briefly. */
    @Override
    public List<AlbumSummary> albums(String owner) {
        List<AlbumSummary> out = new ArrayList<>();
        for (Map<String, AttributeValue> counter : queryAll(QueryRequest.builder().tableName(table)
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :album)")
                .expressionAttributeValues(Map.of(":pk", s(USER + owner), ":album", s(ALBUM))))) {
            long count = number(counter, "photos");
            if (count > 0) {
                String name = counter.get(PhotoTable.SK).s().substring(ALBUM.length());
                out.add(new AlbumSummary(name, count, number(counter, "bytes"), newestReady(owner, name)));
            }
        }
        return out;
    }

    @Override
    public Optional<Photo> move(String owner, String photoId, String newAlbum) {
        return moveIf(owner, photoId, null, newAlbum);
    }

    /**
     * Walks the old album on {@code gsi1} and moves each photo on its own transaction, conditional on the photo
     * still being in {@code from} when read consistently: the index may lag a move, and a photo moved elsewhere
     * meanwhile stays where it is. The counters move with each photo, so they are exact whenever a step stops.
     */
    @Override
    public AlbumRename renameAlbum(String owner, String from, String to, int max) {
        int moved = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = query(QueryRequest.builder().tableName(table).indexName(PhotoTable.GSI1)
                    .keyConditionExpression("gsi1pk = :album")
                    .expressionAttributeValues(Map.of(":album", s(albumKey(owner, from))))
                    .limit(Math.min(RENAME_READ, max - moved + 1)).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (moved == max) {
                    return new AlbumRename(moved, false);
                }
                if (moveIf(owner, item.get("photoId").s(), from, to).isPresent()) {
                    moved++;
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return new AlbumRename(moved, true);
    }

    /**
     * Moves the photo to {@code newAlbum} if it is live and, when {@code from} is not null, still in {@code from}.
     *
     * @return the photo as it now is, or empty if it was not there (or not in {@code from})
     */
    private Optional<Photo> moveIf(String owner, String photoId, String from, String newAlbum) {
        return withRetries("move", () -> {
            Optional<Photo> read = live(owner, photoId);
            if (read.isEmpty() || (from != null && !read.get().album().equals(from))) {
                return Optional.of(Optional.<Photo>empty());
            }
            Photo old = read.get();
            if (old.album().equals(newAlbum)) {
                return Optional.of(read);
            }
            Photo moved = old.inAlbum(newAlbum);
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(photoItem(moved))
                    .conditionExpression(UNCHANGED).expressionAttributeNames(UNCHANGED_NAMES)
                    .expressionAttributeValues(unchangedValues(old))).build());
            addCounterMoves(writes, old, moved);
            return attempt(writes) ? Optional.of(Optional.of(moved)) : Optional.empty();
        });
    }

    @Override
    public boolean delete(String owner, String photoId) {
        return remove(owner, photoId, false, null);
    }

    @Override
    public int expirePending(Instant uploadedBefore) {
        int deleted = 0;
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(table)
                .indexName(PhotoTable.GSI2)
                .keyConditionExpression("gsi2pk = :status AND gsi2sk < :before")
                .expressionAttributeValues(Map.of(":status", s(STATUS + PhotoStatus.PENDING),
                        ":before", s(text(uploadedBefore)))))) {
            if (remove(item.get("owner").s(), item.get("photoId").s(), true, uploadedBefore)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(PhotoTable.GSI2)
                .keyConditionExpression("gsi2pk = :status")
                .expressionAttributeValues(Map.of(":status", s(STATUS + status)));
        return page(query, GSI2_KEYS, "status\n" + status, limit, cursor, this::livePhoto);
    }

    @Override
    public RepositoryStats stats() {
        Map<String, AttributeValue> overall = getItem(STATS, STATS);
        long pending = pendingByOwner().values().stream().mapToLong(Long::longValue).sum();
        return statsOf(overall == null ? Map.of() : overall, pending);
    }

    /** Owners come from their counter items on {@code gsi2}; an owner whose every record is gone is skipped. */
    @Override
    public Page<OwnerStats> ownerStats(int limit, String cursor) {
        Map<String, Long> pending = pendingByOwner();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(PhotoTable.GSI2)
                .keyConditionExpression("gsi2pk = :owners")
                .expressionAttributeValues(Map.of(":owners", s(OWNERS)));
        return page(query, GSI2_KEYS, "owners", limit, cursor, item -> {
            String owner = item.get(PhotoTable.GSI2_SK).s();
            RepositoryStats stats = statsOf(item, pending.getOrDefault(owner, 0L));
            return stats.photos() == 0 ? Optional.empty() : Optional.of(new OwnerStats(owner, stats));
        });
    }

    // ---- writes

    /** The photo item is exactly as read: same status, album and upload time, and not expired. */
    private static final String UNCHANGED = "attribute_exists(pk) AND #status = :oldStatus AND album = :oldAlbum"
            + " AND uploadedAt = :oldUploadedAt AND (attribute_not_exists(expiresAt) OR expiresAt > :now)";
    private static final Map<String, String> UNCHANGED_NAMES = Map.of("#status", "status");

    private Map<String, AttributeValue> unchangedValues(Photo old) {
        return Map.of(":oldStatus", s(old.status().name()), ":oldAlbum", s(old.album()),
                ":oldUploadedAt", s(text(old.uploadedAt())), ":now", n(clock.instant().getEpochSecond()));
    }

    /**
     * Deletes the photo, its guard and its share of the counters, if it is still as read.
     *
     * @param expiredToo     also delete a PENDING photo past its expiry (the sweep); otherwise such a photo is gone
     * @param pendingBefore  when not null, only a PENDING photo uploaded before this instant
     */
    private boolean remove(String owner, String photoId, boolean expiredToo, Instant pendingBefore) {
        return withRetries("delete", () -> {
            Map<String, AttributeValue> item = getItem(USER + owner, PHOTO + photoId);
            if (item == null || (!expiredToo && expired(item))) {
                return Optional.of(false);
            }
            Photo old = photo(item);
            if (pendingBefore != null
                    && (old.status() != PhotoStatus.PENDING || !old.uploadedAt().isBefore(pendingBefore))) {
                return Optional.of(false);
            }
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":oldStatus", s(old.status().name()),
                    ":oldAlbum", s(old.album()), ":oldUploadedAt", s(text(old.uploadedAt()))));
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(USER + owner,
                            PHOTO + photoId))
                    .conditionExpression("attribute_exists(pk) AND #status = :oldStatus AND album = :oldAlbum"
                            + " AND uploadedAt = :oldUploadedAt")
                    .expressionAttributeNames(UNCHANGED_NAMES).expressionAttributeValues(values)).build());
            Map<String, AttributeValue> guard = getItem(USER + owner, SHA + old.sha256());
            if (guard != null && photoId.equals(guard.get("photoId").s())) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(key(USER + owner, SHA + old.sha256()))
                        .conditionExpression("photoId = :id")
                        .expressionAttributeValues(Map.of(":id", s(photoId)))).build());
            }
            Counts minus = Counts.of(old).negated();
            if (!minus.isZero()) {
                writes.add(ownerCounter(owner, minus));
                writes.add(overallCounter(minus));
            }
            if (minus.ready != 0) {
                writes.add(albumCounter(owner, old.album(), minus));
            }
            return attempt(writes) ? Optional.of(true) : Optional.empty();
        });
    }

    /** The counter moves of one photo going from {@code old} to {@code now}: nothing for unchanged contributions. */
    private void addCounterMoves(List<TransactWriteItem> writes, Photo old, Photo now) {
        Counts before = Counts.of(old);
        Counts after = Counts.of(now);
        Counts delta = after.minus(before);
        if (!delta.isZero()) {
            writes.add(ownerCounter(now.owner(), delta));
            writes.add(overallCounter(delta));
        }
        if (old.album().equals(now.album())) {
            if (delta.ready != 0 || delta.readyBytes != 0) {
                writes.add(albumCounter(now.owner(), now.album(), delta));
            }
        } else {
            if (before.ready != 0) {
                writes.add(albumCounter(old.owner(), old.album(), before.negated()));
            }
            if (after.ready != 0) {
                writes.add(albumCounter(now.owner(), now.album(), after));
            }
        }
    }

    private TransactWriteItem guardUpdate(Photo photo, String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":id", s(photo.photoId()));
        return TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(key(USER + photo.owner(), SHA + photo.sha256()))
                .updateExpression(expression)
                .conditionExpression("photoId = :id")
                .expressionAttributeValues(all)).build();
    }

    /** Also names the owner on {@code gsi2}, so that the admin's per-owner listing finds every owner. */
    private TransactWriteItem ownerCounter(String owner, Counts delta) {
        Map<String, AttributeValue> values = new HashMap<>(delta.values());
        values.put(":owners", s(OWNERS));
        values.put(":owner", s(owner));
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(USER + owner, STATS))
                .updateExpression("SET gsi2pk = :owners, gsi2sk = :owner ADD " + Counts.ADD)
                .expressionAttributeValues(values)).build();
    }

    private TransactWriteItem overallCounter(Counts delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(STATS, STATS))
                .updateExpression("ADD " + Counts.ADD)
                .expressionAttributeValues(delta.values())).build();
    }

    private TransactWriteItem albumCounter(String owner, String album, Counts delta) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(USER + owner, ALBUM + album))
                .updateExpression("ADD photos :ready, bytes :readyBytes")
                .expressionAttributeValues(Map.of(":ready", n(delta.ready), ":readyBytes", n(delta.readyBytes))))
                .build();
    }

    /** @return false when a condition failed or the transaction collided: the caller reads again and re-judges */
    private boolean attempt(List<TransactWriteItem> writes) {
        try {
            transact(writes);
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    private void transact(List<TransactWriteItem> writes) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw e;
        } catch (SdkException e) {
            throw new RepositoryException("DynamoDB write failed", e);
        }
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code)
                .anyMatch("ConditionalCheckFailed"::equals);
    }

    /** Runs {@code step} until it gives an answer; an empty result means its conditional write lost a race. */
    private <T> T withRetries(String what, java.util.function.Supplier<Optional<T>> step) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<T> answer = step.get();
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new RepositoryException(what + " kept colliding with other writes; try again", null);
    }

    // ---- reads

    private Optional<Photo> live(String owner, String photoId) {
        Map<String, AttributeValue> item = getItem(USER + owner, PHOTO + photoId);
        return item == null || expired(item) ? Optional.empty() : Optional.of(photo(item));
    }

    private Optional<Photo> livePhoto(Map<String, AttributeValue> item) {
        return expired(item) ? Optional.empty() : Optional.of(photo(item));
    }

    private Map<String, AttributeValue> getItem(String pk, String sk) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(pk, sk))
                    .consistentRead(true)).item();
            return item == null || item.isEmpty() ? null : item;
        } catch (SdkException e) {
            throw new RepositoryException("DynamoDB read failed", e);
        }
    }

    private QueryResponse query(QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (SdkException e) {
            throw new RepositoryException("DynamoDB query failed", e);
        }
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder request) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse response = query(request.exclusiveStartKey(start).build());
            out.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    /**
     * One page: Queries of at most the items still needed plus one (so that a page that ends the listing says so),
     * skipping what {@code convert} drops, until the page is full, the listing ends, or the bound is reached.
     */
    private <T> Page<T> page(QueryRequest.Builder query, List<String> keyNames, String scope, int limit,
                             String cursor, Function<Map<String, AttributeValue>, Optional<T>> convert) {
        return page(query, keyNames, scope, limit, cursor, 1, convert);
    }

    /** @param minRead the fewest items one Query reads: more than the page needs when a filter drops many */
    private <T> Page<T> page(QueryRequest.Builder query, List<String> keyNames, String scope, int limit,
                             String cursor, int minRead, Function<Map<String, AttributeValue>, Optional<T>> convert) {
        if (limit < 1) {
            throw new dev.photo.backend.core.BadRequestException("invalid_limit", "limit must be at least 1");
        }
        Map<String, AttributeValue> start = cursor == null ? null : position(scope, cursor, keyNames);
        List<T> out = new ArrayList<>();
        Map<String, AttributeValue> lastKept = null;
        for (int round = 0; round < MAX_QUERIES_PER_PAGE; round++) {
            QueryResponse response = query(query.exclusiveStartKey(start)
                    .limit(Math.max(minRead, limit - out.size() + 1)).build());
            for (Map<String, AttributeValue> item : response.items()) {
                Optional<T> value = convert.apply(item);
                if (value.isEmpty()) {
                    continue;
                }
                if (out.size() == limit) {
                    return new Page<>(out, cursor(scope, lastKept, keyNames));
                }
                out.add(value.get());
                lastKept = item;
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Page<>(out, null);
            }
            start = response.lastEvaluatedKey();
        }
        return new Page<>(out, cursor(scope, start, keyNames));
    }

    private String cursor(String scope, Map<String, AttributeValue> item, List<String> keyNames) {
        Map<String, String> position = new LinkedHashMap<>();
        for (String name : keyNames) {
            position.put(name, item.get(name).s());
        }
        try {
            return cursors.sign(scope, JSON.writeValueAsBytes(position));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private Map<String, AttributeValue> position(String scope, String cursor, List<String> keyNames) {
        byte[] signed = cursors.verify(scope, cursor);
        Map<String, String> position;
        try {
            position = JSON.readValue(signed, KEY_MAP);
        } catch (java.io.IOException e) {
            throw SignedCursor.invalid();
        }
        if (position == null || !position.keySet().equals(new java.util.HashSet<>(keyNames))) {
            throw SignedCursor.invalid();
        }
        Map<String, AttributeValue> key = new HashMap<>();
        position.forEach((name, value) -> key.put(name, s(value)));
        return key;
    }

    /** The upload time of the album's newest READY photo, or null if the index does not show one yet. */
    private Instant newestReady(String owner, String album) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(PhotoTable.GSI1)
                .keyConditionExpression("gsi1pk = :album").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":album", s(albumKey(owner, album))));
        Page<Photo> newest = page(query, GSI1_KEYS, "newest", 1, null,
                item -> livePhoto(item).filter(p -> p.status() == PhotoStatus.READY));
        return newest.items().isEmpty() ? null : newest.items().get(0).uploadedAt();
    }

    /** Live PENDING photos per owner, from {@code gsi2} (TTL deletions never pass through the counters). */
    private Map<String, Long> pendingByOwner() {
        long now = clock.instant().getEpochSecond();
        return queryAll(QueryRequest.builder().tableName(table).indexName(PhotoTable.GSI2)
                .keyConditionExpression("gsi2pk = :status")
                .filterExpression("attribute_not_exists(expiresAt) OR expiresAt > :now")
                .projectionExpression("#owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":status", s(STATUS + PhotoStatus.PENDING), ":now", n(now))))
                .stream().collect(Collectors.groupingBy(item -> item.get("owner").s(), Collectors.counting()));
    }

    private static RepositoryStats statsOf(Map<String, AttributeValue> counter, long pending) {
        Map<PhotoStatus, Long> byStatus = new EnumMap<>(PhotoStatus.class);
        byStatus.put(PhotoStatus.READY, number(counter, "ready"));
        byStatus.put(PhotoStatus.REJECTED, number(counter, "rejected"));
        byStatus.put(PhotoStatus.PENDING, pending);
        return RepositoryStats.of(number(counter, "readyBytes"), byStatus);
    }

    private boolean expired(Map<String, AttributeValue> item) {
        AttributeValue expiresAt = item.get(PhotoTable.TTL_ATTRIBUTE);
        return expiresAt != null && Long.parseLong(expiresAt.n()) <= clock.instant().getEpochSecond();
    }

    // ---- items

    private static Map<String, AttributeValue> photoItem(Photo p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PhotoTable.PK, s(USER + p.owner()));
        item.put(PhotoTable.SK, s(PHOTO + p.photoId()));
        item.put(PhotoTable.GSI1_PK, s(albumKey(p.owner(), p.album())));
        item.put(PhotoTable.GSI1_SK, s(p.photoId()));
        item.put(PhotoTable.GSI2_PK, s(STATUS + p.status()));
        item.put(PhotoTable.GSI2_SK, s(text(p.uploadedAt()) + "#" + p.photoId()));
        item.put("owner", s(p.owner()));
        item.put("photoId", s(p.photoId()));
        item.put("album", s(p.album()));
        item.put("fileName", s(p.fileName()));
        item.put("contentType", s(p.contentType()));
        item.put("size", n(p.size()));
        item.put("sha256", s(p.sha256()));
        item.put("status", s(p.status().name()));
        item.put("uploadedAt", s(text(p.uploadedAt())));
        putIfPresent(item, "processedAt", p.processedAt() == null ? null : s(text(p.processedAt())));
        putIfPresent(item, "width", p.width() == null ? null : n(p.width()));
        putIfPresent(item, "height", p.height() == null ? null : n(p.height()));
        putIfPresent(item, "takenAt", p.takenAt() == null ? null : s(text(p.takenAt())));
        putIfPresent(item, "camera", p.camera() == null ? null : s(p.camera()));
        item.put("thumbnails", s(p.thumbnailSizes().stream().map(String::valueOf).collect(Collectors.joining(","))));
        putIfPresent(item, "error", p.error() == null ? null : s(p.error()));
        String details = ImageMetadataJson.write(p.details());
        putIfPresent(item, "details", details == null ? null : s(details));
        if (p.status() == PhotoStatus.PENDING) {
            item.put(PhotoTable.TTL_ATTRIBUTE, n(expiry(p)));
        }
        return item;
    }

    private static Map<String, AttributeValue> guardItem(Photo p) {
        Map<String, AttributeValue> item = new HashMap<>(key(USER + p.owner(), SHA + p.sha256()));
        item.put("photoId", s(p.photoId()));
        if (p.status() == PhotoStatus.PENDING) {
            item.put(PhotoTable.TTL_ATTRIBUTE, n(expiry(p)));
        }
        return item;
    }

    private static Photo photo(Map<String, AttributeValue> item) {
        String thumbnails = item.get("thumbnails").s();
        return new Photo(
                item.get("owner").s(),
                item.get("photoId").s(),
                item.get("album").s(),
                item.get("fileName").s(),
                item.get("contentType").s(),
                Long.parseLong(item.get("size").n()),
                item.get("sha256").s(),
                PhotoStatus.valueOf(item.get("status").s()),
                instant(item.get("uploadedAt")),
                instant(item.get("processedAt")),
                integer(item.get("width")),
                integer(item.get("height")),
                instant(item.get("takenAt")),
                item.containsKey("camera") ? item.get("camera").s() : null,
                thumbnails.isEmpty() ? List.of() : Arrays.stream(thumbnails.split(",")).map(Integer::valueOf).toList(),
                item.containsKey("error") ? item.get("error").s() : null,
                item.containsKey("details") ? ImageMetadataJson.read(item.get("details").s()) : null);
    }

    private static long expiry(Photo p) {
        return p.uploadedAt().plus(PENDING_LIFETIME).getEpochSecond();
    }

    private static String albumKey(String owner, String album) {
        return ALBUM + owner + "#" + album;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PhotoTable.PK, s(pk), PhotoTable.SK, s(sk));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, AttributeValue value) {
        if (value != null) {
            item.put(name, value);
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    private static Integer integer(AttributeValue v) {
        return v == null ? null : Integer.valueOf(v.n());
    }

    private static Instant instant(AttributeValue v) {
        return v == null ? null : INSTANT_TEXT.parse(v.s(), Instant::from);
    }

    /** Fixed width, so that text order is time order in sort keys. */
    private static String text(Instant instant) {
        return INSTANT_TEXT.format(instant);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** A photo's share of the owner and overall counters (and, through {@code ready}, of its album's). */
    private record Counts(long ready, long readyBytes, long rejected) {

        static final String ADD = "ready :ready, readyBytes :readyBytes, rejected :rejected";

        static Counts of(Photo p) {
            return switch (p.status()) {
                case READY -> new Counts(1, p.size(), 0);
                case REJECTED -> new Counts(0, 0, 1);
                case PENDING -> new Counts(0, 0, 0);
            };
        }

        Counts minus(Counts other) {
            return new Counts(ready - other.ready, readyBytes - other.readyBytes, rejected - other.rejected);
        }

        Counts negated() {
            return new Counts(-ready, -readyBytes, -rejected);
        }

        boolean isZero() {
            return ready == 0 && readyBytes == 0 && rejected == 0;
        }

        Map<String, AttributeValue> values() {
            return Map.of(":ready", n(ready), ":readyBytes", n(readyBytes), ":rejected", n(rejected));
        }
    }
}
