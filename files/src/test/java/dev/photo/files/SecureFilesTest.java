package dev.photo.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecureFilesTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void secret_files_are_owner_only_and_directories_too() throws Exception {
        Path private_ = dir.resolve("a/b");
        SecureFiles.createPrivateDirectory(private_);
        SecureFiles.write(private_.resolve("secret.json"), bytes("{}"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(private_))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(private_.resolve("secret.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void write_if_absent_keeps_what_is_there_and_leaves_no_temporary_files() throws Exception {
        Path file = dir.resolve("key.json");

        assertThat(SecureFiles.writeIfAbsent(file, bytes("first"))).isTrue();
        assertThat(SecureFiles.writeIfAbsent(file, bytes("second"))).isFalse();

        assertThat(Files.readString(file)).isEqualTo("first");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void read_or_create_writes_only_the_first_time() throws Exception {
        Path file = dir.resolve("local.json");

        assertThat(SecureFiles.readOrCreate(file, () -> bytes("made"))).isEqualTo(bytes("made"));
        assertThat(SecureFiles.readOrCreate(file, () -> {
            throw new AssertionError("an existing file is read, not made again");
        })).isEqualTo(bytes("made"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void write_replaces_the_content() throws Exception {
        Path file = dir.resolve("server.json");
        SecureFiles.write(file, bytes("old"));
        SecureFiles.write(file, bytes("new"));

        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void write_creates_a_missing_parent_owner_only_and_tightens_a_loose_file() throws Exception {
        Path file = dir.resolve("config/tokens-x.json");
        SecureFiles.write(file, bytes("a"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SecureFiles.write(file, bytes("b"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("b");
    }

    @Test
    void an_existing_directory_is_made_owner_only() throws Exception {
        Path loose = Files.createDirectory(dir.resolve("loose"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        SecureFiles.createPrivateDirectory(loose);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rwx------");
    }
}
