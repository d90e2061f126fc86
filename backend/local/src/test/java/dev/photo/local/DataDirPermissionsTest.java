package dev.photo.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data directory holds password hashes, refresh-token hashes and everyone's photos: it is owner-only (0700) even
 * when it already existed ({@code mkdir} then {@code --data-dir}), and so is the database file.
 */
class DataDirPermissionsTest {

    @TempDir
    Path parent;

    @Test
    void an_existing_data_directory_does_not_leave_the_database_readable_by_other_users() throws IOException {
        Path dataDir = Files.createDirectory(parent.resolve("photo-data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

        try (LocalStack stack = LocalStack.start(LocalStackOptions.ephemeral(dataDir))) {
            assertThat(stack.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        }

        Set<PosixFilePermission> dir = Files.getPosixFilePermissions(dataDir);
        Set<PosixFilePermission> db = Files.getPosixFilePermissions(dataDir.resolve(LocalStack.DATABASE_FILE));
        assertThat(PosixFilePermissions.toString(dir)).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(db)).isEqualTo("rw-------");
    }
}
