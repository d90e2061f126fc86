package dev.photo.cli.upload;

import dev.photo.contract.PhotoInfo;
import dev.photo.cli.backend.Session;
import dev.photo.cli.client.Http;
import dev.photo.cli.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine against the real local stack: real API, real S3-compatible server, real processor. */
class UploaderLocalStackTest {

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.inProcess();

    @Test
    void a_large_file_goes_up_in_parts_and_ends_ready_with_the_same_sha256() throws Exception {
        Path big = LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("big.jpg"), 12L * 1024 * 1024 + 123, 1);
        TransferSettings settings = new TransferSettings(4, new RetryPolicy(2, Duration.ofMillis(10)),
                5L << 20, 5L << 20);
        CountingListener counts = new CountingListener();

        UploadReport report = upload(settings, counts, file(big, "multipart"));

        assertThat(report.files()).singleElement().satisfies(o -> {
            assertThat(o.status()).as(o.toString()).isEqualTo(UploadStatus.UPLOADED);
        });
        assertThat(counts.hashed.get()).isEqualTo(java.nio.file.Files.size(big));
        assertThat(counts.sent.get()).isEqualTo(java.nio.file.Files.size(big));
        PhotoInfo stored = LocalStackFixture.readyPhoto(LOCAL.stack(), LOCAL.configDir(), "multipart", Duration.ofSeconds(30));
        assertThat(stored.sha256()).isEqualTo(Sha256.of(big).hex());
        assertThat(stored.size()).isEqualTo(java.nio.file.Files.size(big));
        try (UploadState state = UploadState.open(LOCAL.stateDir())) {
            assertThat(state.journal(FileKey.of(big).path())).as("journal entry removed once complete").isEmpty();
        }
    }

    @Test
    void a_rerun_skips_what_was_stored_without_reading_it() throws Exception {
        List<LocalFile> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(file(LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("small-" + i + ".jpg"), 20_000 + i, 10 + i),
                    "rerun"));
        }
        TransferSettings settings = TransferSettings.defaults(new RetryPolicy(2, Duration.ofMillis(10)));
        UploadReport first = upload(settings, new CountingListener(), files.toArray(LocalFile[]::new));
        assertThat(first.totals().uploaded()).isEqualTo(3);

        CountingListener again = new CountingListener();
        UploadReport second = upload(settings, again, files.toArray(LocalFile[]::new));

        assertThat(again.hashed.get()).as("bytes read on the rerun").isZero();
        assertThat(again.sent.get()).isZero();
        assertThat(second.files()).hasSize(3).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(UploadStatus.DUPLICATE);
            assertThat(o.reason()).isEqualTo("already uploaded by an earlier run");
            assertThat(o.photoId()).isNotBlank();
        });
    }

    @Test
    void a_photo_deleted_on_the_server_goes_up_again_though_the_cache_remembers_it() throws Exception {
        LocalFile kept = file(LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("kept.jpg"), 30_000, 21), "deleted");
        LocalFile gone = file(LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("gone.jpg"), 30_001, 22), "deleted");
        TransferSettings settings = TransferSettings.defaults(new RetryPolicy(2, Duration.ofMillis(10)));
        UploadReport first = upload(settings, new CountingListener(), kept, gone);
        String goneId = first.files().stream().filter(o -> o.name().equals("gone.jpg")).findFirst().orElseThrow()
                .photoId();
        assertThat(LOCAL.stack().awaitIdle(Duration.ofSeconds(30))).isTrue();
        deletePhoto(goneId);

        CountingListener again = new CountingListener();
        UploadReport second = upload(settings, again, kept, gone);

        assertThat(again.hashed.get()).as("bytes read on the rerun").isZero();
        assertThat(second.files()).filteredOn(o -> o.name().equals("kept.jpg")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(UploadStatus.DUPLICATE));
        assertThat(second.files()).filteredOn(o -> o.name().equals("gone.jpg")).singleElement()
                .satisfies(o -> {
                    assertThat(o.status()).as(o.toString()).isEqualTo(UploadStatus.UPLOADED);
                    assertThat(o.photoId()).isNotEqualTo(goneId);
                });
        assertThat(again.sent.get()).isEqualTo(java.nio.file.Files.size(LOCAL.photos().resolve("gone.jpg")));
    }

    private void deletePhoto(String photoId) throws Exception {
        try (Session session = LocalStackFixture.session(LOCAL.stack(), LOCAL.configDir())) {
            Http.Response response = new Http("photo-test").send("DELETE",
                    session.api().baseUrl().resolve("/photos/" + photoId),
                    Map.of("Authorization", "Bearer " + session.auth().current()), null, Duration.ofSeconds(10));
            assertThat(response.status()).isEqualTo(204);
        }
    }

    private UploadReport upload(TransferSettings settings, UploadListener listener, LocalFile... files)
            throws Exception {
        return LocalStackFixture.upload(LOCAL.stack(), LOCAL.configDir(), LOCAL.stateDir(), settings, listener, List.of(files));
    }

    private static LocalFile file(Path path, String album) throws Exception {
        return new LocalFile(path, path.toString(), java.nio.file.Files.size(path), album);
    }
}
