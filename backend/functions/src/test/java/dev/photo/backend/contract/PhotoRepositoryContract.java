package dev.photo.backend.contract;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoIds;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PhotoRepository} adapter must do. Each adapter's test extends this class and supplies a fresh,
 * empty repository.
 */
public abstract class PhotoRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
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

    @Test
    void stores_and_reads_back_every_field() {
        Photo p = photo(ALICE, "trip", sha(1))
                .ready("image/png", 640, 480, Instant.parse("2020-05-06T07:08:09Z"), "Canon EOS", List.of(256, 1024),
                        T0.plusSeconds(99));
        repo.put(p);

        assertThat(repo.get(ALICE, p.photoId())).contains(p);
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
    void put_replaces_the_record_with_the_same_id() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo ready = p.ready("image/jpeg", 10, 20, null, null, List.of(256), T0);
        repo.put(ready);

        assertThat(repo.get(ALICE, p.photoId())).contains(ready);
        assertThat(repo.list(ALICE, null, 10, null).items()).containsExactly(ready);
    }

    @Test
    void update_replaces_an_existing_record_but_never_recreates_a_deleted_one() {
        Photo p = photo(ALICE, "trip", sha(1));
        repo.put(p);
        Photo ready = p.ready("image/jpeg", 10, 20, null, null, List.of(256), T0);

        assertThat(repo.update(ready)).isTrue();
        assertThat(repo.get(ALICE, p.photoId())).contains(ready);

        repo.delete(ALICE, p.photoId());
        assertThat(repo.update(ready)).isFalse();
        assertThat(repo.get(ALICE, p.photoId())).isEmpty();
        assertThat(repo.update(photo(BOB, "trip", sha(2)))).isFalse();
        assertThat(repo.list(BOB, null, 10, null).items()).isEmpty();
    }

    @Test
    void owners_never_see_each_other() {
        Photo a = photo(ALICE, "trip", sha(1));
        repo.put(a);

        assertThat(repo.get(BOB, a.photoId())).isEmpty();
        assertThat(repo.findBySha256(BOB, sha(1))).isEmpty();
        assertThat(repo.list(BOB, null, 10, null).items()).isEmpty();
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

        assertThat(repo.list(ALICE, "trip", 10, null).items()).containsExactly(trip);
        assertThat(repo.list(ALICE, "home", 10, null).items()).containsExactly(home);
        assertThat(repo.list(ALICE, "none", 10, null).items()).isEmpty();
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

        assertThatThrownBy(() -> repo.list(ALICE, null, 10, "%%%not-a-cursor%%%"))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void albums_with_counts_sorted_by_name() {
        repo.put(photo(ALICE, "trip", sha(1)));
        repo.put(photo(ALICE, "trip", sha(2)));
        Photo latest = photo(ALICE, "home", sha(3));
        repo.put(latest);
        repo.put(photo(BOB, "bobs", sha(4)));

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
}
