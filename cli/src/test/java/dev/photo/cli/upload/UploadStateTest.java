package dev.photo.cli.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UploadStateTest {

    @TempDir
    Path stateDir;

    @Test
    void remembers_stored_files_by_path_size_and_time_across_opens() {
        Path dir = stateDir.resolve("local");
        FileKey key = new FileKey("/photos/a.jpg", 10, 1234);
        try (UploadState state = UploadState.open(dir)) {
            state.remember(key, "a".repeat(64), "p1", UploadStatus.UPLOADED);
        }

        try (UploadState state = UploadState.open(dir)) {
            assertThat(state.stored(key)).contains(new UploadState.StoredFile("a".repeat(64), "p1", "uploaded"));
            assertThat(state.stored(new FileKey("/photos/a.jpg", 10, 1235))).as("touched since").isEmpty();
            assertThat(state.stored(new FileKey("/photos/a.jpg", 11, 1234))).as("grown since").isEmpty();
        }
        assertThat(PosixFilePermissions.toString(posix(dir))).isEqualTo("rwx------");
    }

    @Test
    void journals_parts_as_they_are_stored_and_forgets_the_upload_when_asked() {
        Path dir = stateDir.resolve("local");
        FileKey key = new FileKey("/photos/big.jpg", 12, 99);
        try (UploadState state = UploadState.open(dir)) {
            state.begin(new MultipartJournal(key, "trip", "f".repeat(64), "p9", "u-1", 5, List.of("1", "2", "3"),
                    Map.of()));
            state.partStored("p9", 2, "\"etag-2\"");
        }

        try (UploadState state = UploadState.open(dir)) {
            MultipartJournal journal = state.journal(key.path()).orElseThrow();
            assertThat(journal.key()).isEqualTo(key);
            assertThat(journal.uploadId()).isEqualTo("u-1");
            assertThat(journal.parts()).containsExactly("1", "2", "3");
            assertThat(journal.etags()).containsExactly(Map.entry(2, "\"etag-2\""));
            state.forget("p9");
            assertThat(state.journal(key.path())).isEmpty();
        }
    }

    @Test
    void two_runs_of_one_profile_interleave_reads_and_writes_without_losing_either() {
        Path dir = stateDir.resolve("local");
        FileKey first = new FileKey("/photos/1.jpg", 10, 1);
        FileKey second = new FileKey("/photos/2.jpg", 20, 2);
        try (UploadState a = UploadState.open(dir); UploadState b = UploadState.open(dir)) {
            // a reads before b commits: a stale read snapshot made a's later write fail with SQLITE_BUSY_SNAPSHOT
            assertThat(a.stored(first)).isEmpty();
            b.remember(second, "b".repeat(64), "p2", UploadStatus.UPLOADED);
            b.flush();
            a.remember(first, "a".repeat(64), "p1", UploadStatus.UPLOADED);
            a.flush();

            assertThat(b.stored(first)).as("b sees a's write").isPresent();
            assertThat(a.stored(second)).as("a sees b's write").isPresent();
        }
    }

    @Test
    void an_unusable_state_directory_costs_one_warning_not_the_upload() throws Exception {
        Path blocked = Files.writeString(stateDir.resolve("local"), "a file where the directory should be");
        StringWriter warnings = new StringWriter();
        FileKey key = new FileKey("/photos/a.jpg", 10, 1234);

        try (UploadState state = UploadState.open(blocked, new PrintWriter(warnings, true))) {
            state.remember(key, "a".repeat(64), "p1", UploadStatus.UPLOADED);
            state.flush();
            assertThat(state.stored(key)).as("kept for this run").isPresent();
        }

        assertThat(warnings.toString()).startsWith("photo: warning: cannot open the upload cache in " + blocked)
                .containsOnlyOnce("photo: warning:");
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posix(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
