package dev.photo.backend.aws;

import dev.photo.backend.aws.moto.MotoClients;
import dev.photo.backend.aws.moto.MotoExtension;
import dev.photo.backend.aws.moto.MotoServer;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoIds;
import dev.photo.backend.fakes.MovableClock;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the DynamoDB adapter does: TTL on PENDING items, reads that treat an item past its expiry as gone
 * before DynamoDB gets round to deleting it, and pages that come back short or empty with a cursor.
 */
@ExtendWith(MotoExtension.class)
class DynamoPendingExpiryTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String OWNER = "33333333-3333-4333-8333-333333333333";
    private static AwsClients clients;

    private final MovableClock clock = new MovableClock(T0);
    private String table;
    private DynamoPhotoRepository repo;
    private int n;

    @BeforeAll
    static void connect(MotoServer moto) {
        clients = MotoClients.clients(moto);
    }

    @AfterAll
    static void disconnect() {
        clients.close();
    }

    @BeforeEach
    void setUp() {
        table = DynamoPhotoRepositoryTest.createTable(clients.dynamo());
        repo = new DynamoPhotoRepository(clients.dynamo(), table, DynamoTables.CURSOR_KEY, clock);
    }

    @Test
    void a_pending_item_and_its_guard_carry_a_ttl_that_goes_once_ready() {
        Photo p = pending(1);
        repo.put(p);
        long expected = p.uploadedAt().plus(PhotoRepository.PENDING_LIFETIME).getEpochSecond();

        assertThat(item("PHOTO#" + p.photoId()).get(PhotoTable.TTL_ATTRIBUTE).n()).isEqualTo(Long.toString(expected));
        assertThat(item("SHA#" + p.sha256()).get(PhotoTable.TTL_ATTRIBUTE).n()).isEqualTo(Long.toString(expected));

        repo.update(p.ready("image/jpeg", 1, 1, null, null, List.of(256), T0), PhotoStatus.PENDING);

        assertThat(item("PHOTO#" + p.photoId())).doesNotContainKey(PhotoTable.TTL_ATTRIBUTE);
        assertThat(item("SHA#" + p.sha256())).doesNotContainKey(PhotoTable.TTL_ATTRIBUTE);
    }

    @Test
    void an_expired_upload_is_gone_before_ttl_deletes_it_and_its_content_can_be_sent_again() {
        Photo p = pending(1);
        repo.put(p);
        clock.set(T0.plus(PhotoRepository.PENDING_LIFETIME).plusSeconds(60));

        assertThat(repo.get(OWNER, p.photoId())).isEmpty();
        assertThat(repo.findBySha256(OWNER, p.sha256())).isEmpty();
        assertThat(repo.update(p.ready("image/jpeg", 1, 1, null, null, List.of(), T0), PhotoStatus.PENDING))
                .as("a late S3 event for an expired upload").isFalse();
        assertThat(repo.stats().count(PhotoStatus.PENDING)).isZero();

        Photo again = new Photo(OWNER, new PhotoIds(clock).next(), "trip", "again.jpg", "image/jpeg", p.size(),
                p.sha256(), PhotoStatus.PENDING, clock.instant(), null, null, null, null, null, List.of(), null);
        repo.put(again);
        assertThat(repo.findBySha256(OWNER, p.sha256())).contains(again);
    }

    @Test
    void pages_skip_expired_items_and_may_come_back_short_with_a_cursor() {
        Photo oldest = pending(0);
        repo.put(oldest);
        repo.update(oldest.ready("image/jpeg", 1, 1, null, null, List.of(), T0), PhotoStatus.PENDING);
        int expiredCount = DynamoPhotoRepository.MAX_QUERIES_PER_PAGE * 3 + 2;
        for (int i = 1; i <= expiredCount; i++) {
            repo.put(pending(i));
        }
        clock.set(T0.plus(PhotoRepository.PENDING_LIFETIME).plusSeconds(1));
        Photo newest = pending(expiredCount + 1);
        repo.put(newest);

        List<Photo> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Page<Photo> page = repo.list(OWNER, null, 1, cursor);
            seen.addAll(page.items());
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).extracting(Photo::photoId).containsExactly(newest.photoId(), oldest.photoId());
        assertThat(sizes).as("some page was empty yet carried a cursor").contains(0);
    }

    private Map<String, AttributeValue> item(String sk) {
        return clients.dynamo().getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PhotoTable.PK, AttributeValue.fromS("USER#" + OWNER), PhotoTable.SK,
                        AttributeValue.fromS(sk)))).item();
    }

    private Photo pending(int i) {
        n++;
        Instant at = clock.instant().plusMillis(n);
        return Photo.pending(OWNER, new PhotoIds(Clock.fixed(at, ZoneOffset.UTC)).next(), "trip", "p" + i + ".jpg",
                "image/jpeg", 100 + i, String.format("%064x", 1000 + i), at);
    }
}
