package dev.photo.cli.upload;

import dev.photo.cli.client.FileWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void one_read_gives_the_whole_file_and_every_part() throws Exception {
        byte[] content = new byte[1_000_003];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f.jpg"), content);
        AtomicLong progress = new AtomicLong();

        Sha256.Digest digest = Sha256.of(file, 300_000, progress::addAndGet);

        assertThat(digest.hex()).isEqualTo(sha(content, 0, content.length));
        assertThat(digest.size()).isEqualTo(content.length);
        assertThat(digest.parts()).containsExactly(sha(content, 0, 300_000), sha(content, 300_000, 600_000),
                sha(content, 600_000, 900_000), sha(content, 900_000, content.length));
        assertThat(progress.get()).isEqualTo(content.length);
    }

    @Test
    void a_file_of_exactly_whole_parts_has_no_empty_last_part() throws Exception {
        byte[] content = new byte[600_000];
        Path file = Files.write(dir.resolve("f.jpg"), content);

        assertThat(Sha256.of(file, 300_000, b -> { }).parts()).hasSize(2);
        assertThat(Sha256.of(file).parts()).isEmpty();
    }

    @Test
    void a_file_cut_short_while_it_is_hashed_fails_as_changed() throws Exception {
        Path file = Files.write(dir.resolve("f.jpg"), new byte[5 * 1024 * 1024]);

        assertThatThrownBy(() -> Sha256.of(file, 0, bytes -> truncate(file)))
                .isInstanceOf(FileWindows.ChangedException.class);
    }

    private static void truncate(Path file) {
        try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writer.truncate(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha(byte[] content, int from, int to) {
        return dev.photo.backend.fakes.Sha256.hex(Arrays.copyOfRange(content, from, to));
    }
}
