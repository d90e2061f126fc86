package dev.photo.cli.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileWindowsTest {

    @TempDir
    Path dir;

    @Test
    void windows_are_mapped_on_the_jdks_photo_runs_on() {
        // JDK 17 (a checkout) unmaps with the JDK's cleaner, the package's JDK 25 with a confined arena; falling
        // back to heap reads would silently cost the CPU the mapping saves
        assertThat(FileWindows.mapped()).isTrue();
    }

    @Test
    void mapped_windows_hand_over_exactly_the_bytes_of_the_run_as_reads_do() throws Exception {
        byte[] content = new byte[2 * FileWindows.WINDOW + 12_345];
        new Random(11).nextBytes(content);
        Path file = Files.write(dir.resolve("f.jpg"), content);
        int from = 4097;
        int length = content.length - from - 3;

        byte[] mapped;
        byte[] read;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = collect(consumer -> FileWindows.read(channel, from, length, consumer));
            read = collect(consumer -> FileWindows.readWithoutMapping(channel, from, length, consumer));
        }

        byte[] expected = Arrays.copyOfRange(content, from, from + length);
        assertThat(mapped).isEqualTo(expected);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void a_run_too_short_to_be_worth_mapping_is_read_whole() throws Exception {
        byte[] content = new byte[FileWindows.MIN_MAPPED - 1];
        new Random(3).nextBytes(content);
        Path file = Files.write(dir.resolve("small.jpg"), content);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(collect(consumer -> FileWindows.read(channel, 0, content.length, consumer)))
                    .isEqualTo(content);
        }
    }

    @Test
    void an_empty_run_hands_over_nothing() throws Exception {
        Path file = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(collect(consumer -> FileWindows.read(channel, 0, 0, consumer))).isEmpty();
        }
    }

    @Test
    void a_file_shorter_than_the_run_fails_as_changed_mapped_or_read() throws Exception {
        int size = 2 * FileWindows.MIN_MAPPED;
        Path file = Files.write(dir.resolve("short.jpg"), new byte[size]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> FileWindows.read(channel, 0, size + 1, bytes -> { }))
                    .isInstanceOf(FileWindows.ChangedException.class);
            assertThatThrownBy(() -> FileWindows.readWithoutMapping(channel, 0, size + 1, bytes -> { }))
                    .isInstanceOf(FileWindows.ChangedException.class);
        }
    }

    @Test
    void a_file_cut_short_between_windows_fails_as_changed() throws Exception {
        Path file = Files.write(dir.resolve("cut.jpg"), new byte[FileWindows.WINDOW + 100]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> FileWindows.read(channel, 0, FileWindows.WINDOW + 100, bytes -> {
                try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    writer.truncate(10);
                }
            })).isInstanceOf(FileWindows.ChangedException.class);
        }
    }

    @Test
    void a_file_cut_short_under_a_mapped_window_fails_as_changed_instead_of_faulting() throws Exception {
        Path file = Files.write(dir.resolve("cut.jpg"), new byte[1024 * 1024]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThatThrownBy(() -> FileWindows.read(channel, 0, 1024 * 1024, bytes -> {
                try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    writer.truncate(0);
                }
                bytes.get(new byte[bytes.remaining()]);
            })).isInstanceOf(FileWindows.ChangedException.class);
        }
    }

    private interface Reader {
        void read(FileWindows.Consumer consumer) throws IOException;
    }

    private static byte[] collect(Reader reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.read(bytes -> {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            out.write(copy);
        });
        return out.toByteArray();
    }
}
