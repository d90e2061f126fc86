package dev.photo.cli.upload;

import dev.photo.cli.ExitCodes;
import dev.photo.contract.PhotoInfo;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.config.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code photo upload} as its own process (same java, same class path) against a stack published by this JVM, the
 * way {@code photo local serve} publishes it: killed in the middle of a multipart upload, and with a small heap.
 */
class UploadSubprocessTest {

    private static final long MIB = 1L << 20;

    @RegisterExtension
    static final LocalStackExtension LOCAL = LocalStackExtension.published();

    @Test
    void a_multipart_upload_killed_midway_continues_without_sending_stored_parts_again() throws Exception {
        Path big = LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("resume.jpg"), 100 * MIB + 77, 3);
        Process first = photo("-Xmx256m", big, "resumed", "--part-size", "5MiB", "--multipart-threshold", "5MiB",
                "--parallel", "1");
        MultipartJournal journal = awaitStoredPart(big, first);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int journalled = journal(big).map(j -> j.etags().size()).orElse(0);
        assertThat(journalled).as("parts journalled before the kill").isBetween(1, 20);

        CountingListener counts = new CountingListener();
        TransferSettings settings = new TransferSettings(4, new RetryPolicy(2, Duration.ofMillis(10)), 5 * MIB,
                5 * MIB);
        UploadReport report = LocalStackFixture.upload(LOCAL.stack(), LOCAL.configDir(),
                LOCAL.stateDir().resolve(Profile.LOCAL),
                settings, counts, List.of(new LocalFile(big, big.toString(), Files.size(big), "resumed")));

        assertThat(report.files()).singleElement().satisfies(o -> {
            assertThat(o.status()).as(o.toString()).isEqualTo(UploadStatus.UPLOADED);
            assertThat(o.photoId()).isEqualTo(journal.photoId());
        });
        assertThat(counts.hashed.get()).as("the journal's hashes are used, the file is not read again").isZero();
        assertThat(counts.resumed.get()).as("parts the server held").isGreaterThanOrEqualTo(journalled * 5 * MIB);
        assertThat(counts.resumed.get() % (5 * MIB)).isZero();
        assertThat(counts.sent.get()).as("only the missing parts were sent")
                .isEqualTo(Files.size(big) - counts.resumed.get());
        PhotoInfo stored = readyPhoto("resumed");
        assertThat(stored.sha256()).isEqualTo(Sha256.of(big).hex());
    }

    @Test
    void a_terminated_run_says_what_was_done_and_how_to_resume() throws Exception {
        Path big = LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("stopped.jpg"), 100 * MIB + 5, 5);
        Process upload = photo("-Xmx256m", big, "stopped", "--part-size", "5MiB", "--multipart-threshold", "5MiB",
                "--parallel", "1");
        awaitStoredPart(big, upload);

        // SIGTERM runs the same shutdown hooks as Ctrl-C's SIGINT (which ends the JVM with 130 instead of 143)
        upload.toHandle().destroy();

        assertThat(upload.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(upload.getInputStream().readAllBytes());
        assertThat(upload.exitValue()).as(output).isEqualTo(143);
        assertThat(output).contains("photo: interrupted: 0 of 1 files done; run the same command again to resume");
        assertThat(journal(big)).as("the journal stays for the next run").isPresent();
    }

    @Test
    void a_300_mib_file_uploads_with_a_64_mib_heap() throws Exception {
        Path big = LocalStackFixture.paddedJpeg(LOCAL.photos().resolve("heap.jpg"), 300 * MIB, 4);

        Process upload = photo("-Xmx64m", big, "heap");

        assertThat(upload.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(upload.getInputStream().readAllBytes());
        assertThat(upload.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("uploaded 1,");
        assertThat(readyPhoto("heap").sha256()).isEqualTo(Sha256.of(big).hex());
    }

    private Process photo(String heap, Path file, String album, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("upload", file.toString(), "--album", album));
        args.addAll(List.of(options));
        return LOCAL.photoProcess(List.of(heap), args.toArray(String[]::new)).redirectErrorStream(true).start();
    }

    private MultipartJournal awaitStoredPart(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the upload is still running").isTrue();
            Optional<MultipartJournal> journal = journal(file);
            if (journal.isPresent() && !journal.get().etags().isEmpty()) {
                return journal.get();
            }
            Thread.sleep(10);
        }
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        throw new AssertionError("no part journalled within 60 s; the upload printed:\n"
                + new String(process.getInputStream().readAllBytes()));
    }

    private Optional<MultipartJournal> journal(Path file) throws IOException {
        Path dir = LOCAL.stateDir().resolve(Profile.LOCAL);
        if (!Files.exists(dir.resolve(UploadState.FILE))) {
            return Optional.empty();
        }
        // a fresh connection each time: an open read transaction would keep seeing the same snapshot
        try (UploadState state = UploadState.open(dir)) {
            return state.journal(FileKey.of(file).path());
        }
    }

    private PhotoInfo readyPhoto(String album) throws Exception {
        return LocalStackFixture.readyPhoto(LOCAL.stack(), LOCAL.configDir(), album, Duration.ofSeconds(60));
    }
}
