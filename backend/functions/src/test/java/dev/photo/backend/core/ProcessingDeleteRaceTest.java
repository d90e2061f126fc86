package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.backend.samples.SampleGenerator;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor reads the record, works, then writes it back. A {@code DELETE /photos/{id}} that lands between that
 * read and that write has already answered 204 and removed the bytes, so the write must not bring the record back.
 * The interleaving is forced deterministically by running the owner's delete just before the processor's final
 * write reaches the repository.
 */
class ProcessingDeleteRaceTest {

    private static final String BUCKET = "photo-test";
    private static final String OWNER = "user-1";
    private static final String PHOTO_ID = "0193a1b2-0000-7000-8000-000000000001";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:05Z");

    private final InMemoryPhotoRepository stored = new InMemoryPhotoRepository();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private final BackendConfig config =
            BackendConfig.of("local", BUCKET, "pool", "client", URI.create("http://127.0.0.1:1/"));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final PhotoService api = new PhotoService(config, stored, objects, new NoMultipartUploads(), clock);

    @Test
    void a_photo_deleted_while_it_is_being_marked_ready_stays_deleted() {
        byte[] jpeg = SampleGenerator.jpeg(400, 300, 0);
        record(jpeg);
        ProcessingService processor = new ProcessingService(config,
                new DeleteBeforeFinalWrite(stored, api, PhotoStatus.READY), objects, clock);

        processor.process(BUCKET, Keys.original(OWNER, PHOTO_ID));

        assertThat(stored.get(OWNER, PHOTO_ID))
                .as("the owner's DELETE answered 204 before the processor's write; the record must stay gone")
                .isEmpty();
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void a_photo_deleted_while_it_is_being_marked_rejected_stays_deleted() {
        record("not a photo at all\n".getBytes(StandardCharsets.UTF_8));
        ProcessingService processor = new ProcessingService(config,
                new DeleteBeforeFinalWrite(stored, api, PhotoStatus.REJECTED), objects, clock);

        processor.process(BUCKET, Keys.original(OWNER, PHOTO_ID));

        assertThat(stored.get(OWNER, PHOTO_ID))
                .as("the owner's DELETE answered 204 before the processor's write; the record must stay gone")
                .isEmpty();
    }

    private void record(byte[] bytes) {
        stored.put(Photo.pending(OWNER, PHOTO_ID, "trip", "a.jpg", "image/jpeg", bytes.length, Sha256.hex(bytes),
                NOW.minusSeconds(5)));
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), bytes, "image/jpeg");
    }

    /**
     * The repository as the processor sees it, with the owner's {@code DELETE /photos/{id}} (the real
     * {@link PhotoService#delete}) completing on another request just before the processor's final write.
     */
    private static final class DeleteBeforeFinalWrite implements PhotoRepository {

        private final PhotoRepository delegate;
        private final PhotoService api;
        private final PhotoStatus finalStatus;
        private boolean deleted;

        DeleteBeforeFinalWrite(PhotoRepository delegate, PhotoService api, PhotoStatus finalStatus) {
            this.delegate = delegate;
            this.api = api;
            this.finalStatus = finalStatus;
        }

        @Override
        public void put(Photo photo) {
            deleteFirstIfFinal(photo);
            delegate.put(photo);
        }

        @Override
        public boolean update(Photo photo, PhotoStatus expected) {
            deleteFirstIfFinal(photo);
            return delegate.update(photo, expected);
        }

        private void deleteFirstIfFinal(Photo photo) {
            if (!deleted && photo.status() == finalStatus) {
                deleted = true;
                api.delete(photo.owner(), photo.photoId());
            }
        }

        @Override
        public Optional<Photo> get(String owner, String photoId) {
            return delegate.get(owner, photoId);
        }

        @Override
        public Optional<Photo> findBySha256(String owner, String sha256) {
            return delegate.findBySha256(owner, sha256);
        }

        @Override
        public Page<Photo> list(String owner, String album, PhotoFilter filter, int limit, String cursor) {
            return delegate.list(owner, album, filter, limit, cursor);
        }

        @Override
        public AlbumRename renameAlbum(String owner, String from, String to, int max) {
            return delegate.renameAlbum(owner, from, to, max);
        }

        @Override
        public List<AlbumSummary> albums(String owner) {
            return delegate.albums(owner);
        }

        @Override
        public boolean delete(String owner, String photoId) {
            return delegate.delete(owner, photoId);
        }

        @Override
        public Optional<Photo> move(String owner, String photoId, String newAlbum) {
            return delegate.move(owner, photoId, newAlbum);
        }

        @Override
        public int expirePending(Instant uploadedBefore) {
            return delegate.expirePending(uploadedBefore);
        }

        @Override
        public Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
            return delegate.listByStatus(status, limit, cursor);
        }

        @Override
        public RepositoryStats stats() {
            return delegate.stats();
        }

        @Override
        public Page<OwnerStats> ownerStats(int limit, String cursor) {
            return delegate.ownerStats(limit, cursor);
        }
    }
}
