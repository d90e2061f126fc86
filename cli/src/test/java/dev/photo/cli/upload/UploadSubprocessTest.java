package dev.photo.cli.upload;

import dev.photo.contract.PhotoInfo;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.config.Profile;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadSubprocessTest {

    private static final long MIB = 1L << 20;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path configDir;
    @TempDir
    static Path photos;

    private LocalStack stack;

    @BeforeAll
    void start() {
        stack = LocalStack.start(new LocalStackOptions(dataDir, 0, 0, 0, true));
    }

    @AfterAll
    void stop() {
        stack.close();
    }

    @Test
    void a_multipart_upload_killed_midway_continues_without_sending_stored_parts_again() throws Exception {
        Path big = LocalStackFixture.paddedJpeg(photos.resolve("resume.jpg"), 100 * MIB + 77, 3);
        Process first = photo("-Xmx256m", big, "resumed", "--part-size", "5MiB", "--multipart-threshold", "5MiB",
                "--parallel", "1");
        MultipartJournal journal = awaitStoredPart(big, first);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int journalled = journal(big).map(j -> j.etags().size()).orElse(0);
        assertThat(journalled).as("parts journalled before the kill").isBetween(1, 20);

        CountingListener counts = new CountingListener();
        TransferSettings settings = new TransferSettings(4, new RetryPolicy(2, Duration.ofMillis(10)), 5 * MIB,
                5 * MIB);
        UploadReport report = LocalStackFixture.upload(stack, configDir, UploadState.directory(dataDir, Profile.LOCAL),
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
        Path big = LocalStackFixture.paddedJpeg(photos.resolve("stopped.jpg"), 100 * MIB + 5, 5);
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
        Path big = LocalStackFixture.paddedJpeg(photos.resolve("heap.jpg"), 300 * MIB, 4);

        Process upload = photo("-Xmx64m", big, "heap");

        assertThat(upload.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(upload.getInputStream().readAllBytes());
        assertThat(upload.exitValue()).as(output).isZero();
        assertThat(output).contains("uploaded 1,");
        assertThat(readyPhoto("heap").sha256()).isEqualTo(Sha256.of(big).hex());
    }

    private Process photo(String heap, Path file, String album, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, heap, "-cp", System.getProperty("java.class.path"),
                "dev.photo.cli.Main", "upload", file.toString(), "--album", album, "--data-dir", dataDir.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PHOTO_CONFIG_DIR", configDir.toString());
        return builder.start();
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
        throw new AssertionError("no part journalled within 60 s");
    }

    private Optional<MultipartJournal> journal(Path file) throws IOException {
        Path dir = UploadState.directory(dataDir, Profile.LOCAL);
        if (!Files.exists(dir.resolve(UploadState.FILE))) {
            return Optional.empty();
        }
        // a fresh connection each time: an open read transaction would keep seeing the same snapshot
        try (UploadState state = UploadState.open(dir)) {
            return state.journal(FileKey.of(file).path());
        }
    }

    private PhotoInfo readyPhoto(String album) throws Exception {
        return LocalStackFixture.readyPhoto(stack, configDir, album, Duration.ofSeconds(60));
    }
}
