package dev.photo.cli.upload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> posix(Path dir) {
        try {
            return Files.getPosixFilePermissions(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
