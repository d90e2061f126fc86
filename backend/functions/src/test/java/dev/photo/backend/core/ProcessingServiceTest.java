package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.ProcessingService.Outcome;
import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.backend.core.image.TestImages;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.Sha256;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.backend.samples.SampleGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessingServiceTest {

    static final String BUCKET = "photo-test";
    private static final String OWNER = "user-1";
    private static final String PHOTO_ID = "0193a1b2-0000-7000-8000-000000000001";
    private static final Instant UPLOADED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:05Z");

    @TempDir
    Path temp;

    private final InMemoryPhotoRepository photos = new InMemoryPhotoRepository();
    private final InMemoryObjectStore objects = new InMemoryObjectStore();
    private ProcessingService service;

    @BeforeEach
    void setUp() {
        service = new ProcessingService(config(), photos, objects, Clock.fixed(NOW, ZoneOffset.UTC), temp);
    }

    static BackendConfig config() {
        return BackendConfig.of("local", BUCKET, "pool", "client", URI.create("http://127.0.0.1:1/"));
    }

    @Test
    void orientation_6_original_ends_ready_in_portrait_with_portrait_thumbnails() throws Exception {
        upload(SampleGenerator.jpeg(400, 300, 6), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.READY);

        Photo photo = photo();
        assertThat(photo.status()).isEqualTo(PhotoStatus.READY);
        assertThat(photo.width()).isEqualTo(300);
        assertThat(photo.height()).isEqualTo(400);
        assertThat(photo.width()).isLessThan(photo.height());
        assertThat(photo.thumbnailSizes()).containsExactly(256, 1024);
        assertThat(photo.processedAt()).isEqualTo(NOW);
        assertThat(photo.contentType()).isEqualTo("image/jpeg");
        assertThat(thumbnail(256)).satisfies(t -> assertThat(new int[] {t.getWidth(), t.getHeight()})
                .containsExactly(192, 256));
        assertThat(thumbnail(1024)).satisfies(t -> assertThat(new int[] {t.getWidth(), t.getHeight()})
                .containsExactly(300, 400));
        assertThat(objects.get(Keys.thumbnail(OWNER, PHOTO_ID, 256)).orElseThrow().contentType())
                .isEqualTo("image/jpeg");
        assertThat(objects.keys()).contains(Keys.original(OWNER, PHOTO_ID));
    }

    @Test
    void large_original_gets_256_and_1024_thumbnails_by_longest_side() throws Exception {
        upload(SampleGenerator.jpeg(1600, 1200, 0), "image/jpeg");

        process();

        assertThat(thumbnail(256).getWidth()).isEqualTo(256);
        assertThat(thumbnail(256).getHeight()).isEqualTo(192);
        assertThat(thumbnail(1024).getWidth()).isEqualTo(1024);
        assertThat(thumbnail(1024).getHeight()).isEqualTo(768);
    }

    @Test
    void text_file_named_jpg_is_rejected_with_no_thumbnail_and_its_original_deleted() {
        upload("not a photo at all\n".getBytes(StandardCharsets.UTF_8), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.REJECTED);

        assertThat(photo().status()).isEqualTo(PhotoStatus.REJECTED);
        assertThat(photo().error()).contains("not an image");
        assertThat(photo().thumbnailSizes()).isEmpty();
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void body_whose_sha256_differs_from_the_declared_one_is_rejected() {
        byte[] declared = SampleGenerator.jpeg(300, 200, 0);
        byte[] stored = declared.clone();
        stored[stored.length / 2] ^= 0x55;
        photos.put(Photo.pending(OWNER, PHOTO_ID, "trip", "a.jpg", "image/jpeg", declared.length, Sha256.hex(declared),
                UPLOADED));
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), stored, "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.REJECTED);

        assertThat(photo().error()).isEqualTo("content does not match the declared SHA-256");
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void body_of_another_size_than_declared_is_rejected() {
        byte[] declared = SampleGenerator.jpeg(300, 200, 0);
        photos.put(Photo.pending(OWNER, PHOTO_ID, "trip", "a.jpg", "image/jpeg", declared.length, Sha256.hex(declared),
                UPLOADED));
        byte[] longer = new byte[declared.length + 10];
        System.arraycopy(declared, 0, longer, 0, declared.length);
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), longer, "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.REJECTED);

        assertThat(photo().error()).isEqualTo("content size does not match the declared size");
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void pixel_bomb_is_rejected() {
        upload(TestImages.pngClaiming(100_000, 100_000), "image/png");

        assertThat(process()).isEqualTo(Outcome.REJECTED);

        assertThat(photo().error()).contains("limit");
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void png_with_alpha_becomes_ready_with_jpeg_thumbnails() throws Exception {
        upload(SampleGenerator.samples().stream().filter(s -> s.fileName().endsWith(".png")).findFirst()
                .orElseThrow().bytes(), "image/png");

        assertThat(process()).isEqualTo(Outcome.READY);

        assertThat(photo().contentType()).isEqualTo("image/png");
        byte[] small = objects.get(Keys.thumbnail(OWNER, PHOTO_ID, 256)).orElseThrow().bytes();
        assertThat(HexFormat.of().formatHex(small, 0, 3)).isEqualTo("ffd8ff");
        assertThat(thumbnail(256).getColorModel().hasAlpha()).isFalse();
    }

    @Test
    void processing_the_same_key_twice_gives_the_same_result() {
        upload(SampleGenerator.jpeg(640, 480, 6), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.READY);
        Photo first = photo();
        Map<String, String> firstObjects = objectDigests();
        assertThat(process()).isEqualTo(Outcome.SETTLED);

        assertThat(photo()).isEqualTo(first);
        assertThat(objectDigests()).isEqualTo(firstObjects);
    }

    @Test
    void a_processor_that_crashes_mid_way_and_gets_the_event_again_makes_one_record_and_one_set_of_thumbnails() {
        upload(SampleGenerator.jpeg(1600, 1200, 0), "image/jpeg");
        // the function dies after the first thumbnail is written: the store refuses the second
        objects.failOn(Keys.thumbnail(OWNER, PHOTO_ID, 1024));
        assertThatThrownBy(this::process).isInstanceOf(RuntimeException.class);
        assertThat(photo().status()).isEqualTo(PhotoStatus.PENDING);

        // the event is redelivered to a fresh instance on the same bucket and table
        InMemoryObjectStore bucket = new InMemoryObjectStore();
        for (String key : objects.keys()) {
            InMemoryObjectStore.StoredObject o = objects.get(key).orElseThrow();
            bucket.putBytes(key, o.bytes(), o.contentType());
        }
        ProcessingService again = new ProcessingService(config(), photos, bucket, Clock.fixed(NOW, ZoneOffset.UTC),
                temp);
        assertThat(again.process(BUCKET, Keys.original(OWNER, PHOTO_ID))).isEqualTo(Outcome.READY);
        assertThat(again.process(BUCKET, Keys.original(OWNER, PHOTO_ID))).isEqualTo(Outcome.SETTLED);

        assertThat(photos.list(OWNER, null, 100, null).items()).singleElement()
                .satisfies(p -> assertThat(p.thumbnailSizes()).containsExactly(256, 1024));
        assertThat(bucket.keys()).containsExactlyInAnyOrder(Keys.original(OWNER, PHOTO_ID),
                Keys.thumbnail(OWNER, PHOTO_ID, 256), Keys.thumbnail(OWNER, PHOTO_ID, 1024));
    }

    @Test
    void a_redelivered_event_for_a_rejected_photo_changes_nothing() {
        upload("plain text".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertThat(process()).isEqualTo(Outcome.REJECTED);
        Photo rejected = photo();

        assertThat(process()).isEqualTo(Outcome.SETTLED);

        assertThat(photo()).isEqualTo(rejected);
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void bytes_sent_again_to_a_rejected_photo_never_make_it_ready() {
        upload("plain text".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertThat(process()).isEqualTo(Outcome.REJECTED);
        Photo rejected = photo();
        // a second PUT through the still-valid presigned URL: If-None-Match passes, the original is gone
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), SampleGenerator.jpeg(640, 480, 0), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.SETTLED);

        assertThat(photo()).isEqualTo(rejected);
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void a_ready_photo_whose_bytes_changed_behind_its_back_stays_as_it_was() {
        byte[] good = SampleGenerator.jpeg(640, 480, 0);
        upload(good, "image/jpeg");
        process();
        Photo ready = photo();
        byte[] bad = good.clone();
        bad[100] ^= 1;
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), bad, "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.SETTLED);

        assertThat(photo()).isEqualTo(ready);
    }

    @Test
    void heic_is_ready_without_dimensions_or_thumbnails() {
        byte[] heic = new byte[128];
        byte[] box = {0, 0, 0, 20, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'};
        System.arraycopy(box, 0, heic, 0, box.length);
        upload(heic, "image/heic");

        assertThat(process()).isEqualTo(Outcome.READY);

        assertThat(photo().contentType()).isEqualTo("image/heic");
        assertThat(photo().width()).isNull();
        assertThat(photo().thumbnailSizes()).isEmpty();
        assertThat(photo().details().note()).isEqualTo("thumbnail: unsupported format");
        assertThat(objects.keys()).containsExactly(Keys.original(OWNER, PHOTO_ID));
    }

    @Test
    void exif_date_and_camera_are_recorded() {
        upload(SampleGenerator.samples().get(0).bytes(), "image/jpeg");

        process();

        assertThat(photo().takenAt()).isEqualTo(Instant.parse("2024-07-01T09:00:00Z"));
        assertThat(photo().camera()).isEqualTo("photo samples");
    }

    @Test
    void without_an_exif_date_the_photo_counts_as_taken_at_its_upload_and_says_so() {
        upload(SampleGenerator.jpeg(100, 100, 0), "image/jpeg");

        process();

        assertThat(photo().takenAt()).isEqualTo(UPLOADED);
        assertThat(photo().details().takenAtSource()).isEqualTo(ImageMetadata.TakenAtSource.UPLOAD);
    }

    @Test
    void a_png_declared_as_jpeg_is_rejected_with_the_reason_and_deleted() {
        upload(SampleGenerator.png(SampleGenerator.marked(40, 30)), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.REJECTED);

        assertThat(photo().error()).isEqualTo("content is PNG but was declared image/jpeg");
        assertThat(objects.keys()).isEmpty();
    }

    @Test
    void an_object_without_a_record_is_deleted_as_an_orphan() {
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), SampleGenerator.jpeg(100, 100, 0), "image/jpeg");

        assertThat(process()).isEqualTo(Outcome.ORPHAN_DELETED);

        assertThat(objects.keys()).isEmpty();
        assertThat(photos.get(OWNER, PHOTO_ID)).isEmpty();
    }

    @Test
    void keys_outside_originals_and_other_buckets_are_ignored() {
        objects.putBytes("thumbnails/user-1/x/256.jpg", new byte[] {1}, "image/jpeg");
        objects.putBytes("uploads/holiday photo.jpg", new byte[] {1}, "image/jpeg");
        upload(SampleGenerator.jpeg(100, 100, 0), "image/jpeg");

        assertThat(service.process(BUCKET, "thumbnails/user-1/x/256.jpg")).isEqualTo(Outcome.IGNORED);
        assertThat(service.process(BUCKET, "uploads/holiday photo.jpg")).isEqualTo(Outcome.IGNORED);
        assertThat(service.process("someone-elses-bucket", Keys.original(OWNER, PHOTO_ID)))
                .isEqualTo(Outcome.IGNORED);

        assertThat(objects.keys()).hasSize(3);
        assertThat(photo().status()).isEqualTo(PhotoStatus.PENDING);
    }

    @Test
    void store_failures_propagate_so_the_event_is_retried() {
        upload(SampleGenerator.jpeg(100, 100, 0), "image/jpeg");
        objects.failOn(Keys.thumbnail(OWNER, PHOTO_ID, 1024));

        assertThatThrownBy(this::process).isInstanceOf(ObjectStoreException.class);

        assertThat(photo().status()).isEqualTo(PhotoStatus.PENDING);
    }

    @Test
    void leaves_no_temporary_files_behind_whatever_the_outcome() throws Exception {
        upload(SampleGenerator.jpeg(640, 480, 0), "image/jpeg");
        process();
        photos.delete(OWNER, PHOTO_ID);
        upload("text".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        process();
        photos.delete(OWNER, PHOTO_ID);
        upload(SampleGenerator.jpeg(100, 100, 0), "image/jpeg");
        objects.failOn(Keys.thumbnail(OWNER, PHOTO_ID, 256));
        assertThatThrownBy(this::process).isInstanceOf(ObjectStoreException.class);

        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    private void upload(byte[] bytes, String declaredType) {
        photos.put(Photo.pending(OWNER, PHOTO_ID, "trip", "IMG_0001.jpg", declaredType, bytes.length,
                Sha256.hex(bytes), UPLOADED));
        objects.putBytes(Keys.original(OWNER, PHOTO_ID), bytes, declaredType);
    }

    private Outcome process() {
        return service.process(BUCKET, Keys.original(OWNER, PHOTO_ID));
    }

    private Photo photo() {
        return photos.get(OWNER, PHOTO_ID).orElseThrow();
    }

    private BufferedImage thumbnail(int size) throws Exception {
        byte[] bytes = objects.get(Keys.thumbnail(OWNER, PHOTO_ID, size)).orElseThrow().bytes();
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private Map<String, String> objectDigests() {
        Map<String, String> out = new TreeMap<>();
        for (String key : objects.keys()) {
            out.put(key, Sha256.hex(objects.get(key).orElseThrow().bytes()));
        }
        return out;
    }
}
