package dev.photo.backend.contract;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.backend.core.PhotoIds;
import dev.photo.contract.PhotoQuery;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PhotoRepository} adapter must do. Each adapter's test extends this class and supplies a fresh,
 * empty repository. Listing tests follow {@code nextCursor} to the end, since an adapter may give short pages.
 */
public abstract class PhotoRepositoryContract {

    /** The photos of the contract are uploaded a few seconds after this; an adapter with a clock sets it here. */
    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";

    private PhotoRepository repo;
    private long tick;

    protected abstract PhotoRepository newRepository() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        repo = newRepository();
        tick = 0;
    }

    private Photo photo(String owner, String album, String sha) {
        tick++;
        String id = new PhotoIds(Clock.fixed(T0.plusSeconds(tick), ZoneOffset.UTC)).next();
        return Photo.pending(owner, id, album, "IMG_" + tick + ".jpg", "image/jpeg", 1000 + tick, sha,
                T0.plusSeconds(tick));
    }

    private static String sha(int n) {
        return String.format("%064x", n);
    }

    /** Records {@code pending} and moves it to READY as the processor does. */
    private Photo ready(Photo pending) {
        repo.put(pending);
        Photo ready = pending.ready("image/jpeg", 40, 30, null, null, List.of(256), pending.uploadedAt());
        assertThat(repo.update(ready, PhotoStatus.PENDING)).isTrue();
        return ready;
    }

    /** Every page of the owner's listing. */
    private List<Photo> all(String owner, String album) {
        List<Photo> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<Photo> page = repo.list(owner, album, 2, cursor);
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    private static void assertInvalidCursor(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(BadRequestException.class)
                .extracting(e -> ((BadRequestException) e).code()).isEqualTo("invalid_cursor");
    }

    @Test
    void stores_and_reads_back_every_field() {
        Photo p = photo(ALICE, "trip", sha(1))
                .ready("image/png", 640, 480, Instant.parse("2020-05-06T07:08:09Z"), "Canon EOS", List.of(256, 1024),
                        T0.plusSeconds(99));
        repo.put(p);

        assertThat(repo.get(ALICE, p.photoId())).contains(p);
    }

    @Test
    void stores_and_reads_back_the_processing_details_as_one_value() {
        ImageMetadata details = new ImageMetadata(ImageMetadata.TakenAtSource.EXIF_ORIGINAL, "-04:30", "Lens 50",
                new ImageMetadata.Exposure("1/60", 1.8, 3200, 50.0), new ImageMetadata.Gps(-33.8568, 151.2153, -2.5),
                null);
        ImageMetadata partial = new ImageMetadata(ImageMetadata.TakenAtSource.UPLOAD, null, null, null, null,
                ImageMetadata.UNSUPPORTED_NOTE);
        Photo full = photo(ALICE, "trip", sha(1)).ready("image/jpeg", 640, 480, Instant.parse("2020-05-06T07:08:09Z"),
                "Cam", List.of(256, 1024), details, T0.plusSeconds(9));
        Photo heic = photo(ALICE, "trip", sha(2)).ready("image/heic", null, null, null, null, List.of(), partial,
                T0.plusSeconds(9));
        repo.put(full);
        repo.put(heic);

        assertThat(repo.get(ALICE, full.photoId())).contains(full);
        assertThat(repo.get(ALICE, heic.photoId())).contains(heic);
        assertThat(repo.get(ALICE, heic.photoId()).orElseThrow().takenAt()).isEqualTo(heic.uploadedAt());
    }

    @Test
    void rejected_photo_keeps_its_reason() {
        Photo p = photo(ALICE, "trip", sha(1)).rejected("not an image", T0.plusSeconds(5));
        repo.put(p);

        Photo back = repo.get(ALICE, p.photoId()).orElseThrow();
        assertThat(back.status()).isEqualTo(PhotoStatus.REJECTED);
        assertThat(back.error()).isEqualTo("not an image");
        assertThat(back.thumbnailSizes()).isEmpty();
    }

    @Test
    void put_of_an_id_that_exists_conflicts_and_changes_nothing() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo again = new Photo(ALICE, p.photoId(), "other", "x.jpg", "image/jpeg", 5, sha(2), PhotoStatus.PENDING,
                T0, null, null, null, null, null, List.of(), null);

        assertThatThrownBy(() -> repo.put(again)).isInstanceOf(ConflictException.class);
        assertThat(repo.get(ALICE, p.photoId())).contains(p);
        assertThat(repo.findBySha256(ALICE, sha(2))).isEmpty();
    }

    @Test
    void update_replaces_an_existing_record_but_never_recreates_a_deleted_one() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo ready = p.ready("image/jpeg", 10, 20, null, null, List.of(256), T0);

        assertThat(repo.update(ready, PhotoStatus.PENDING)).isTrue();
        assertThat(repo.get(ALICE, p.photoId())).contains(ready);
        assertThat(all(ALICE, null)).containsExactly(ready);

        repo.delete(ALICE, p.photoId());
        assertThat(repo.update(ready, PhotoStatus.READY)).isFalse();
        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        assertThat(repo.update(photo(BOB, "trip", sha(2)), PhotoStatus.PENDING)).isFalse();
        assertThat(all(BOB, null)).isEmpty();
        assertThat(repo.stats().photos()).isZero();
    }

    @Test
    void update_is_a_compare_and_set_on_the_status() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo rejected = p.rejected("not an image", T0.plusSeconds(50));
        assertThat(repo.update(rejected, PhotoStatus.PENDING)).isTrue();

        assertThat(repo.update(p.ready("image/jpeg", 1, 1, null, null, List.of(), T0), PhotoStatus.PENDING))
                .as("the record is no longer PENDING").isFalse();
        assertThat(repo.get(ALICE, p.photoId())).contains(rejected);
    }

    @Test
    void a_rejected_photo_never_becomes_ready() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo rejected = p.rejected("not an image", T0.plusSeconds(50));
        repo.update(rejected, PhotoStatus.PENDING);

        assertThatThrownBy(() -> repo.update(rejected.ready("image/jpeg", 1, 1, null, null, List.of(), T0),
                PhotoStatus.REJECTED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(repo.get(ALICE, p.photoId())).contains(rejected);
        assertThat(repo.albums(ALICE)).isEmpty();
    }

    @Test
    void a_rejected_photo_may_be_uploaded_again_into_another_album() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo rejected = p.rejected("truncated", T0.plusSeconds(50));
        repo.update(rejected, PhotoStatus.PENDING);
        Photo retried = rejected.retried("home", "again.jpg", "image/jpeg", T0.plusSeconds(60));

        assertThat(repo.update(retried, PhotoStatus.REJECTED)).isTrue();
        assertThat(repo.update(retried.ready("image/jpeg", 2, 2, null, null, List.of(256), T0.plusSeconds(70)),
                PhotoStatus.PENDING)).isTrue();

        assertThat(repo.albums(ALICE)).extracting(AlbumSummary::name, AlbumSummary::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("home", 1L));
        assertThat(repo.stats().count(PhotoStatus.REJECTED)).isZero();
        assertThat(repo.stats().count(PhotoStatus.READY)).isEqualTo(1);
    }

    @Test
    void the_same_event_processed_twice_counts_once() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo ready = p.ready("image/jpeg", 10, 20, null, null, List.of(256), T0.plusSeconds(50));

        assertThat(repo.update(ready, PhotoStatus.PENDING)).isTrue();
        assertThat(repo.update(ready, PhotoStatus.PENDING)).isFalse();

        assertThat(repo.albums(ALICE)).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.bytes()).isEqualTo(p.size());
        });
        RepositoryStats stats = repo.stats();
        assertThat(stats.photos()).isEqualTo(1);
        assertThat(stats.count(PhotoStatus.READY)).isEqualTo(1);
        assertThat(stats.count(PhotoStatus.PENDING)).isZero();
        assertThat(stats.bytes()).isEqualTo(p.size());
    }

    @Test
    void a_photo_deleted_before_processing_finished_is_not_counted() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        repo.delete(ALICE, p.photoId());

        assertThat(repo.update(p.ready("image/jpeg", 10, 20, null, null, List.of(), T0), PhotoStatus.PENDING))
                .isFalse();
        assertThat(repo.update(p.rejected("late", T0), PhotoStatus.PENDING)).isFalse();

        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        assertThat(repo.albums(ALICE)).isEmpty();
        assertThat(repo.stats()).isEqualTo(RepositoryStats.of(0, Map.of()));
        assertThat(repo.ownerStats(10, null).items()).isEmpty();
    }

    @Test
    void deleting_a_ready_photo_lowers_every_count() {
        Photo a = ready(photo(ALICE, "trip", sha(1)));
        Photo b = ready(photo(ALICE, "trip", sha(2)));

        assertThat(repo.delete(ALICE, a.photoId())).isTrue();
        assertThat(repo.delete(ALICE, a.photoId())).isFalse();

        assertThat(repo.albums(ALICE)).singleElement().satisfies(s -> {
            assertThat(s.count()).isEqualTo(1);
            assertThat(s.bytes()).isEqualTo(b.size());
            assertThat(s.latestUploadAt()).isEqualTo(b.uploadedAt());
        });
        assertThat(repo.stats().bytes()).isEqualTo(b.size());
        repo.delete(ALICE, b.photoId());
        assertThat(repo.albums(ALICE)).isEmpty();
        assertThat(repo.stats().photos()).isZero();
    }

    @Test
    void album_counts_hold_ready_photos_only() {
        Photo shown = ready(photo(ALICE, "trip", sha(1)));
        repo.put(photo(ALICE, "trip", sha(2)));
        Photo bad = photo(ALICE, "trip", sha(3));
        repo.put(bad);
        repo.update(bad.rejected("not an image", T0), PhotoStatus.PENDING);
        repo.put(photo(ALICE, "only-pending", sha(4)));

        assertThat(repo.albums(ALICE)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("trip");
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.bytes()).isEqualTo(shown.size());
        });
    }

    @Test
    void moving_a_photo_moves_its_counts() {
        Photo p = ready(photo(ALICE, "trip", sha(1)));
        ready(photo(ALICE, "trip", sha(2)));
        Photo pending = photo(ALICE, "trip", sha(3));
        repo.put(pending);

        Photo moved = repo.move(ALICE, p.photoId(), "home").orElseThrow();
        repo.move(ALICE, pending.photoId(), "home");

        assertThat(moved.album()).isEqualTo("home");
        assertThat(repo.get(ALICE, p.photoId())).contains(moved);
        assertThat(repo.albums(ALICE)).extracting(a -> a.name() + "=" + a.count())
                .containsExactly("home=1", "trip=1");
        assertThat(all(ALICE, "home")).extracting(Photo::photoId).containsExactly(pending.photoId(), p.photoId());
        assertThat(repo.move(ALICE, "01938f3c-0000-7000-8000-0000000000ff", "home")).isEmpty();
        assertThat(repo.move(BOB, p.photoId(), "bobs")).isEmpty();
        assertThat(repo.stats().count(PhotoStatus.READY)).isEqualTo(2);
    }

    @Test
    void a_failed_put_changes_no_count() {
        ready(photo(ALICE, "trip", sha(7)));
        Photo dup = photo(ALICE, "trip", sha(7)).ready("image/jpeg", 1, 1, null, null, List.of(), T0);

        assertThatThrownBy(() -> repo.put(dup)).isInstanceOf(ConflictException.class);

        assertThat(repo.albums(ALICE)).singleElement().extracting(AlbumSummary::count).isEqualTo(1L);
        assertThat(repo.stats().photos()).isEqualTo(1);
    }

    @Test
    void owners_never_see_each_other() {
        Photo a = photo(ALICE, "trip", sha(1));
        repo.put(a);

        assertThat(repo.get(BOB, a.photoId())).isEmpty();
        assertThat(repo.findBySha256(BOB, sha(1))).isEmpty();
        assertThat(all(BOB, null)).isEmpty();
        assertThat(repo.albums(BOB)).isEmpty();
        assertThat(repo.delete(BOB, a.photoId())).isFalse();
        assertThat(repo.get(ALICE, a.photoId())).contains(a);
    }

    @Test
    void same_content_for_two_owners_is_allowed() {
        repo.put(photo(ALICE, "trip", sha(7)));
        repo.put(photo(BOB, "trip", sha(7)));

        assertThat(repo.findBySha256(ALICE, sha(7))).isPresent();
        assertThat(repo.findBySha256(BOB, sha(7))).isPresent();
    }

    @Test
    void a_second_record_with_the_same_content_conflicts() {
        repo.put(photo(ALICE, "trip", sha(7)));

        assertThatThrownBy(() -> repo.put(photo(ALICE, "other", sha(7)))).isInstanceOf(ConflictException.class);
    }

    @Test
    void finds_by_content_hash() {
        Photo p = photo(ALICE, "trip", sha(3));
        repo.put(photo(ALICE, "trip", sha(2)));
        repo.put(p);

        assertThat(repo.findBySha256(ALICE, sha(3))).contains(p);
        assertThat(repo.findBySha256(ALICE, sha(4))).isEmpty();
    }

    @Test
    void lists_newest_first_across_pages_with_an_opaque_cursor() {
        List<Photo> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Photo p = photo(ALICE, "trip", sha(100 + i));
            repo.put(p);
            all.add(0, p);
        }

        List<Photo> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Photo> page = repo.list(ALICE, null, 3, cursor);
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void exact_page_size_has_no_next_cursor() {
        repo.put(photo(ALICE, "trip", sha(1)));
        repo.put(photo(ALICE, "trip", sha(2)));

        assertThat(repo.list(ALICE, null, 2, null).nextCursor()).isNull();
    }

    @Test
    void filters_by_album() {
        Photo trip = photo(ALICE, "trip", sha(1));
        Photo home = photo(ALICE, "home", sha(2));
        repo.put(trip);
        repo.put(home);

        assertThat(all(ALICE, "trip")).containsExactly(trip);
        assertThat(all(ALICE, "home")).containsExactly(home);
        assertThat(all(ALICE, "none")).isEmpty();
    }

    @Test
    void album_filter_pages_too() {
        for (int i = 0; i < 5; i++) {
            repo.put(photo(ALICE, "trip", sha(10 + i)));
            repo.put(photo(ALICE, "home", sha(20 + i)));
        }
        Page<Photo> first = repo.list(ALICE, "trip", 3, null);
        Page<Photo> second = repo.list(ALICE, "trip", 3, first.nextCursor());

        assertThat(first.items()).hasSize(3).allMatch(p -> p.album().equals("trip"));
        assertThat(second.items()).hasSize(2).allMatch(p -> p.album().equals("trip"));
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void a_forged_cursor_is_a_bad_request() {
        repo.put(photo(ALICE, "trip", sha(1)));

        assertInvalidCursor(() -> repo.list(ALICE, null, 10, "%%%not-a-cursor%%%"));
        assertInvalidCursor(() -> repo.list(ALICE, null, 10, "eyJwayI6IlVTRVIjYm9iIn0.AAAA"));
    }

    @Test
    void a_cursor_is_bound_to_its_owner_and_album_and_cannot_be_altered() {
        for (int i = 0; i < 3; i++) {
            repo.put(photo(ALICE, "trip", sha(i)));
            repo.put(photo(BOB, "trip", sha(i)));
        }
        String cursor = repo.list(ALICE, "trip", 1, null).nextCursor();
        assertThat(cursor).isNotNull();

        assertInvalidCursor(() -> repo.list(BOB, "trip", 1, cursor));
        assertInvalidCursor(() -> repo.list(ALICE, null, 1, cursor));
        assertInvalidCursor(() -> repo.list(ALICE, "home", 1, cursor));
        assertInvalidCursor(() -> repo.listByStatus(PhotoStatus.PENDING, 1, cursor));
        assertInvalidCursor(() -> repo.ownerStats(1, cursor));
        // not the last character, whose low bits may be padding that decoding ignores
        int at = cursor.length() - 5;
        String altered = cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
        assertInvalidCursor(() -> repo.list(ALICE, "trip", 1, altered));
        String otherPosition = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        assertInvalidCursor(() -> repo.list(ALICE, "trip", 1, otherPosition));
        assertThat(repo.list(ALICE, "trip", 1, cursor).items()).hasSize(1);
    }

    @Test
    void expiring_pending_removes_only_old_pending_records_and_frees_their_content() {
        Photo old = photo(ALICE, "trip", sha(1));
        repo.put(old);
        Photo oldReady = ready(photo(ALICE, "trip", sha(2)));
        Instant cutoff = T0.plusSeconds(tick + 1);
        Photo recent = photo(BOB, "trip", sha(3));
        tick += 10;
        repo.put(recent);

        assertThat(repo.expirePending(cutoff)).isEqualTo(1);

        assertThat(repo.get(ALICE, old.photoId())).isEmpty();
        assertThat(repo.findBySha256(ALICE, sha(1))).isEmpty();
        assertThat(repo.get(ALICE, oldReady.photoId())).contains(oldReady);
        assertThat(repo.get(BOB, recent.photoId())).contains(recent);
        assertThat(repo.expirePending(cutoff)).isZero();
        repo.put(photo(ALICE, "trip", sha(1)));
        assertThat(repo.stats().count(PhotoStatus.PENDING)).isEqualTo(2);
    }

    @Test
    void lists_one_status_across_owners_oldest_first_in_pages() {
        List<Photo> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Photo p = photo(i % 2 == 0 ? ALICE : BOB, "trip", sha(i));
            repo.put(p);
            pending.add(p);
        }
        ready(photo(ALICE, "trip", sha(50)));

        List<Photo> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Photo> page = repo.listByStatus(PhotoStatus.PENDING, 2, cursor);
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(pending);
        assertThat(repo.listByStatus(PhotoStatus.READY, 10, null).items()).hasSize(1);
        assertThat(repo.listByStatus(PhotoStatus.REJECTED, 10, null).items()).isEmpty();
    }

    @Test
    void stats_count_every_status_overall_and_per_owner() {
        Photo a1 = ready(photo(ALICE, "trip", sha(1)));
        Photo a2 = ready(photo(ALICE, "home", sha(2)));
        Photo bad = photo(ALICE, "trip", sha(3));
        repo.put(bad);
        repo.update(bad.rejected("not an image", T0), PhotoStatus.PENDING);
        repo.put(photo(ALICE, "trip", sha(4)));
        Photo b1 = ready(photo(BOB, "trip", sha(1)));
        repo.put(photo(BOB, "trip", sha(5)));

        RepositoryStats all = repo.stats();
        assertThat(all.photos()).isEqualTo(6);
        assertThat(all.bytes()).isEqualTo(a1.size() + a2.size() + b1.size());
        assertThat(all.byStatus()).containsOnly(Map.entry(PhotoStatus.READY, 3L),
                Map.entry(PhotoStatus.REJECTED, 1L), Map.entry(PhotoStatus.PENDING, 2L));

        Page<OwnerStats> first = repo.ownerStats(1, null);
        assertThat(first.items()).extracting(OwnerStats::owner).containsExactly(ALICE);
        assertThat(first.items().get(0).stats()).isEqualTo(RepositoryStats.of(a1.size() + a2.size(),
                Map.of(PhotoStatus.READY, 2L, PhotoStatus.REJECTED, 1L, PhotoStatus.PENDING, 1L)));
        List<OwnerStats> rest = new ArrayList<>();
        String cursor = first.nextCursor();
        while (cursor != null) {
            Page<OwnerStats> page = repo.ownerStats(1, cursor);
            rest.addAll(page.items());
            cursor = page.nextCursor();
        }
        assertThat(rest).containsExactly(new OwnerStats(BOB, RepositoryStats.of(b1.size(),
                Map.of(PhotoStatus.READY, 1L, PhotoStatus.PENDING, 1L))));
    }

    @Test
    void albums_with_counts_sorted_by_name() {
        ready(photo(ALICE, "trip", sha(1)));
        ready(photo(ALICE, "trip", sha(2)));
        Photo latest = ready(photo(ALICE, "home", sha(3)));
        ready(photo(BOB, "bobs", sha(4)));

        List<AlbumSummary> albums = repo.albums(ALICE);

        assertThat(albums).extracting(AlbumSummary::name).containsExactly("home", "trip");
        assertThat(albums).extracting(AlbumSummary::count).containsExactly(1L, 2L);
        assertThat(albums.get(0).bytes()).isEqualTo(latest.size());
        assertThat(albums.get(0).latestUploadAt()).isEqualTo(latest.uploadedAt());
    }

    @Test
    void delete_removes_the_record_and_frees_its_content_hash() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);

        assertThat(repo.delete(ALICE, p.photoId())).isTrue();
        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        assertThat(repo.findBySha256(ALICE, sha(1))).isEmpty();
        assertThat(repo.delete(ALICE, p.photoId())).isFalse();
        repo.put(photo(ALICE, "trip", sha(1)));
    }

    /** Every page of the owner's filtered listing, one photo per page, so that each cursor is used. */
    private List<Photo> all(String owner, String album, PhotoFilter filter) {
        List<Photo> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Photo> page = repo.list(owner, album, filter, 1, cursor);
            out.addAll(page.items());
            cursor = page.nextCursor();
            assertThat(++pages).as("pages").isLessThan(100);
        } while (cursor != null);
        return out;
    }

    /** A READY photo taken at {@code takenAt}. */
    private Photo readyTaken(Photo pending, Instant takenAt) {
        repo.put(pending);
        Photo ready = pending.ready("image/jpeg", 40, 30, takenAt, null, List.of(256), pending.uploadedAt());
        assertThat(repo.update(ready, PhotoStatus.PENDING)).isTrue();
        return ready;
    }

    @Test
    void filters_by_status_and_by_taken_or_upload_time_across_pages() {
        Instant y2020 = Instant.parse("2020-06-01T12:00:00Z");
        Instant y2022 = Instant.parse("2022-06-01T12:00:00Z");
        Photo old = readyTaken(photo(ALICE, "trip", sha(1)), y2020);
        Photo mid = readyTaken(photo(ALICE, "home", sha(2)), y2022);
        Photo pending = photo(ALICE, "trip", sha(3));
        repo.put(pending);
        Photo rejected = photo(ALICE, "trip", sha(4));
        repo.put(rejected);
        repo.update(rejected.rejected("truncated", T0.plusSeconds(90)), PhotoStatus.PENDING);
        readyTaken(photo(BOB, "trip", sha(5)), y2020);

        PhotoFilter ready = new PhotoFilter(PhotoStatus.READY, null, null, PhotoQuery.TimeField.taken);
        PhotoFilter taken2021On = new PhotoFilter(null, Instant.parse("2021-01-01T00:00:00Z"), null,
                PhotoQuery.TimeField.taken);
        PhotoFilter takenBefore2021 = new PhotoFilter(null, null, Instant.parse("2021-01-01T00:00:00Z"),
                PhotoQuery.TimeField.taken);
        PhotoFilter uploadedFromMid = new PhotoFilter(null, mid.uploadedAt(), pending.uploadedAt(),
                PhotoQuery.TimeField.uploaded);

        assertThat(all(ALICE, null, ready)).extracting(Photo::photoId).containsExactly(mid.photoId(), old.photoId());
        assertThat(all(ALICE, "trip", ready)).extracting(Photo::photoId).containsExactly(old.photoId());
        // a photo with no taken-at yet counts by its upload time (T0 + seconds: after 2021)
        assertThat(all(ALICE, null, taken2021On)).extracting(Photo::photoId)
                .containsExactly(rejected.photoId(), pending.photoId(), mid.photoId());
        assertThat(all(ALICE, null, takenBefore2021)).extracting(Photo::photoId).containsExactly(old.photoId());
        assertThat(all(ALICE, null, uploadedFromMid)).extracting(Photo::photoId).containsExactly(mid.photoId());
        assertThat(all(ALICE, "trip", new PhotoFilter(PhotoStatus.PENDING, null, null,
                PhotoQuery.TimeField.taken))).extracting(Photo::photoId).containsExactly(pending.photoId());
        assertThat(all(BOB, null, takenBefore2021)).hasSize(1);
    }

    @Test
    void a_sparse_filter_still_reaches_every_match_through_its_cursors() {
        List<String> matches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Photo p = photo(ALICE, "trip", sha(200 + i));
            if (i % 10 == 0) {
                readyTaken(p, Instant.parse("2019-01-01T00:00:00Z"));
                matches.add(0, p.photoId());
            } else {
                repo.put(p);
            }
        }
        PhotoFilter filter = new PhotoFilter(PhotoStatus.READY, null, null, PhotoQuery.TimeField.taken);

        assertThat(all(ALICE, null, filter)).extracting(Photo::photoId).containsExactlyElementsOf(matches);
        List<Photo> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<Photo> page = repo.list(ALICE, "trip", filter, 2, cursor);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).extracting(Photo::photoId).containsExactlyElementsOf(matches);
    }

    @Test
    void a_cursor_is_bound_to_the_filter_that_issued_it() {
        for (int i = 0; i < 3; i++) {
            repo.put(photo(ALICE, "trip", sha(i)));
        }
        PhotoFilter pending = new PhotoFilter(PhotoStatus.PENDING, null, null, PhotoQuery.TimeField.taken);
        String filtered = repo.list(ALICE, null, pending, 1, null).nextCursor();
        String plain = repo.list(ALICE, null, 1, null).nextCursor();
        assertThat(filtered).isNotNull();
        assertThat(plain).isNotNull();

        assertInvalidCursor(() -> repo.list(ALICE, null, 1, filtered));
        assertInvalidCursor(() -> repo.list(ALICE, null, pending, 1, plain));
        assertInvalidCursor(() -> repo.list(ALICE, null, new PhotoFilter(PhotoStatus.PENDING, null, null,
                PhotoQuery.TimeField.uploaded), 1, filtered));
        assertThat(repo.list(ALICE, null, pending, 1, filtered).items()).hasSize(1);
    }

    @Test
    void renaming_an_album_moves_every_photo_in_bounded_steps_and_merges_into_an_existing_album() {
        for (int i = 0; i < 3; i++) {
            ready(photo(ALICE, "trip", sha(10 + i)));
        }
        for (int i = 0; i < 2; i++) {
            repo.put(photo(ALICE, "trip", sha(20 + i)));
        }
        Photo home = ready(photo(ALICE, "home", sha(30)));
        Photo bobs = ready(photo(BOB, "trip", sha(40)));

        int moved = 0;
        int steps = 0;
        AlbumRename step;
        do {
            step = repo.renameAlbum(ALICE, "trip", "home", 2);
            assertThat(step.moved()).isLessThanOrEqualTo(2);
            moved += step.moved();
            steps++;
            assertThat(steps).isLessThan(10);
            // exact after every step, as a rename cut short leaves them
            assertThat(repo.stats().count(PhotoStatus.READY)).isEqualTo(5);
            assertThat(repo.albums(ALICE).stream().mapToLong(AlbumSummary::count).sum()).isEqualTo(4);
        } while (!step.done());

        assertThat(moved).isEqualTo(5);
        assertThat(steps).isGreaterThanOrEqualTo(3);
        assertThat(all(ALICE, "trip")).isEmpty();
        assertThat(all(ALICE, "home")).hasSize(6).contains(repo.get(ALICE, home.photoId()).orElseThrow());
        assertThat(repo.albums(ALICE)).extracting(a -> a.name() + "=" + a.count()).containsExactly("home=4");
        assertThat(repo.get(BOB, bobs.photoId()).orElseThrow().album()).isEqualTo("trip");
        assertThat(repo.albums(BOB)).extracting(a -> a.name() + "=" + a.count()).containsExactly("trip=1");

        AlbumRename again = repo.renameAlbum(ALICE, "trip", "home", 2);
        assertThat(again.moved()).isZero();
        assertThat(again.done()).isTrue();
    }

    @Test
    void renaming_an_album_with_more_photos_than_one_step_leaves_it_not_done() {
        for (int i = 0; i < 3; i++) {
            repo.put(photo(ALICE, "trip", sha(10 + i)));
        }

        AlbumRename first = repo.renameAlbum(ALICE, "trip", "2024 trip", 2);

        assertThat(first.moved()).isEqualTo(2);
        assertThat(first.done()).isFalse();
        assertThat(all(ALICE, "trip")).hasSize(1);
        assertThat(all(ALICE, "2024 trip")).hasSize(2);
        assertThat(repo.renameAlbum(ALICE, "trip", "2024 trip", 2)).isEqualTo(new AlbumRename(1, true));
    }

    @Test
    void the_processors_write_keeps_a_move_made_while_it_worked() {
        Photo read = photo(ALICE, "trip", sha(1));
        repo.put(read);
        repo.move(ALICE, read.photoId(), "home");

        assertThat(repo.update(read.ready("image/jpeg", 40, 30, null, null, List.of(256), T0.plusSeconds(30)),
                PhotoStatus.PENDING)).isTrue();

        assertThat(repo.get(ALICE, read.photoId()).orElseThrow().album()).isEqualTo("home");
        assertThat(repo.albums(ALICE)).extracting(a -> a.name() + "=" + a.count()).containsExactly("home=1");
    }

    @Test
    void an_upload_presigned_again_takes_the_album_it_names() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);

        assertThat(repo.update(p.inAlbum("other"), PhotoStatus.PENDING)).isTrue();

        assertThat(repo.get(ALICE, p.photoId()).orElseThrow().album()).isEqualTo("other");
    }
}
