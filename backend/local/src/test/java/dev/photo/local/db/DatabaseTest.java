package dev.photo.local.db;

import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoIds;
import dev.photo.contract.PhotoStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    private static final String OWNER = "11111111-1111-4111-8111-111111111111";

    @TempDir
    Path dir;

    private static Photo photo(String id, String sha) {
        return Photo.pending(OWNER, id, "trip", "a.jpg", "image/jpeg", 10, sha, Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void data_survives_closing_and_reopening_the_file() {
        Path file = dir.resolve("photo.db");
        PhotoIds ids = new PhotoIds(Clock.systemUTC());
        Photo p = photo(ids.next(), "a".repeat(64)).ready("image/jpeg", 3, 4, Instant.parse("2020-01-01T00:00:00.123456789Z"),
                "cam", List.of(256, 1024), Instant.parse("2026-01-02T03:05:00Z"));
        try (Database db = Database.open(file)) {
            new SqlitePhotoRepository(db).put(p);
        }

        try (Database db = Database.open(file)) {
            assertThat(new SqlitePhotoRepository(db).get(OWNER, p.photoId())).contains(p);
            assertThat(db.schemaVersion()).isEqualTo(2);
        }
    }

    @Test
    void a_cursor_that_decodes_to_something_other_than_an_id_is_a_bad_request() {
        try (Database db = Database.open(dir.resolve("photo.db"))) {
            String forged = Base64.getUrlEncoder().encodeToString("' OR 1=1 --".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> new SqlitePhotoRepository(db).list(OWNER, null, 10, forged))
                    .isInstanceOf(BadRequestException.class)
                    .extracting(e -> ((BadRequestException) e).code()).isEqualTo("invalid_cursor");
        }
    }

    @Test
    void concurrent_writers_and_readers_do_not_interfere() throws Exception {
        try (Database db = Database.open(dir.resolve("photo.db"))) {
            SqlitePhotoRepository repo = new SqlitePhotoRepository(db);
            PhotoIds ids = new PhotoIds(Clock.systemUTC());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String sha = String.format("%064x", i);
                futures.add(pool.submit(() -> {
                    repo.put(photo(ids.next(), sha));
                    return repo.list(OWNER, null, 5, null);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(repo.stats().count(PhotoStatus.PENDING)).isEqualTo(200);
        }
    }
}
