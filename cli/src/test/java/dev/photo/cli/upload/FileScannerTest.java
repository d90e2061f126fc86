package dev.photo.cli.upload;

import dev.photo.contract.AlbumNames;
import dev.photo.contract.ContentTypes;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileScannerTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    @Test
    void does_not_follow_symbolic_links_to_files_or_folders() throws Exception {
        Files.writeString(root.resolve("real.jpg"), "x");
        Files.createDirectories(elsewhere.resolve("album"));
        Files.writeString(elsewhere.resolve("album/outside.jpg"), "y");
        Files.createSymbolicLink(root.resolve("link.jpg"), root.resolve("real.jpg"));
        Files.createSymbolicLink(root.resolve("linked-folder"), elsewhere.resolve("album"));

        ScanResult scan = FileScanner.scan(List.of(root), "trip");

        assertThat(scan.files()).extracting(LocalFile::name).containsExactly("real.jpg");
    }

    @Test
    void follows_symbolic_links_when_asked_and_stops_at_a_loop() throws Exception {
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/one.jpg"), "1");
        Files.createSymbolicLink(root.resolve("a/back-to-root"), root);
        Files.createDirectories(elsewhere.resolve("album"));
        Files.writeString(elsewhere.resolve("album/outside.jpg"), "2");
        Files.createSymbolicLink(root.resolve("linked-folder"), elsewhere.resolve("album"));
        Files.createSymbolicLink(root.resolve("same.jpg"), root.resolve("a/one.jpg"));

        ScanResult scan = FileScanner.scan(List.of(root),
                new ScanOptions(List.of(), List.of(), false, true, true, false, "trip"));

        assertThat(scan.files()).extracting(LocalFile::name).as("the link to one.jpg is the same file")
                .containsExactlyInAnyOrder("one.jpg", "outside.jpg");
        assertThat(scan.skipped()).singleElement().satisfies(s -> {
            assertThat(s.path()).endsWith("back-to-root");
            assertThat(s.reason()).isEqualTo(FileScanner.LOOP);
        });
    }

    @Test
    void album_folders_with_no_recursive_take_only_the_files_directly_in_each() throws Exception {
        for (String name : List.of("loose.jpg", "trip/a.jpg", "trip/deeper/b.jpg", "home/c.jpg")) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.writeString(root.resolve(name), name);
        }

        ScanResult scan = FileScanner.scan(List.of(root),
                new ScanOptions(List.of(), List.of(), false, false, false, true, "misc"));

        assertThat(scan.files()).extracting(f -> f.name() + "@" + f.album())
                .containsExactly("c.jpg@home", "loose.jpg@misc", "a.jpg@trip");
    }

    @Test
    void files_of_one_album_stay_together_so_that_batches_are_not_split() throws Exception {
        for (String name : List.of("a.jpg", "b/x.jpg", "c.jpg", "d/y.jpg", "e.jpg")) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.writeString(root.resolve(name), name);
        }

        ScanResult scan = FileScanner.scan(List.of(root),
                new ScanOptions(List.of(), List.of(), false, true, false, true, "misc"));

        assertThat(scan.files()).extracting(LocalFile::album).containsExactly("misc", "misc", "misc", "b", "d");
    }

    @Test
    void apple_double_files_and_nas_folders_stay_out_even_with_hidden() throws Exception {
        Files.writeString(root.resolve("a.jpg"), "a");
        Files.writeString(root.resolve("._a.jpg"), "resource fork");
        Files.createDirectories(root.resolve("@eaDir/a.jpg"));
        Files.writeString(root.resolve("@eaDir/a.jpg/SYNOFILE_THUMB_M.jpg"), "thumb");
        Files.writeString(root.resolve(".DS_Store"), "junk");

        ScanResult scan = FileScanner.scan(List.of(root),
                new ScanOptions(List.of(), List.of(), true, true, false, false, "trip"));

        assertThat(scan.files()).extracting(LocalFile::name).containsExactly("a.jpg");
        assertThat(scan.ignored()).isEqualTo(3);
    }

    @Test
    void globs_apply_to_files_named_on_the_command_line_by_their_name() throws Exception {
        Path big = Files.writeString(root.resolve("a.jpg"), "a");
        Path small = Files.writeString(root.resolve("a_small.jpg"), "s");

        ScanResult scan = FileScanner.scan(List.of(big, small),
                new ScanOptions(List.of(), List.of("*_small.jpg"), false, true, false, false, "trip"));

        assertThat(scan.files()).extracting(LocalFile::name).containsExactly("a.jpg");
        assertThat(scan.ignored()).isEqualTo(1);
    }

    @Test
    void a_folder_that_cannot_be_an_album_rejects_its_photos_and_still_skips_what_is_not_a_photo()
            throws Exception {
        Files.createDirectories(root.resolve("bad|name"));
        Files.writeString(root.resolve("bad|name/a.jpg"), "a");
        Files.writeString(root.resolve("bad|name/notes.txt"), "n");

        ScanResult scan = FileScanner.scan(List.of(root),
                new ScanOptions(List.of(), List.of(), false, true, false, true, null));

        assertThat(scan.files()).isEmpty();
        assertThat(scan.rejected()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("a.jpg");
            assertThat(r.status()).isEqualTo(UploadStatus.REJECTED);
            assertThat(r.reason()).isEqualTo("folder name 'bad|name' cannot be an album: " + AlbumNames.RULE);
        });
        assertThat(scan.skipped()).extracting(UploadOutcome::reason).containsExactly(FileScanner.NOT_A_PHOTO);
    }

    @Test
    void takes_a_hidden_file_named_explicitly_and_counts_a_file_named_twice_once() throws Exception {
        Path hidden = root.resolve(".secret.jpg");
        Files.writeString(hidden, "x");

        ScanResult scan = FileScanner.scan(List.of(hidden, hidden), "trip");

        assertThat(scan.files()).singleElement().satisfies(file -> {
            assertThat(file.name()).isEqualTo(".secret.jpg");
            assertThat(file.size()).isEqualTo(1);
        });
    }

    @Test
    void lists_files_in_a_stable_order() throws Exception {
        for (String name : List.of("c.jpg", "a.jpg", "b/z.jpg", "b/a.jpg")) {
            Files.createDirectories(root.resolve(name).getParent());
            Files.writeString(root.resolve(name), name);
        }

        assertThat(FileScanner.scan(List.of(root), "trip").files()).extracting(f -> root.relativize(f.path()).toString())
                .containsExactly("a.jpg", "b/a.jpg", "b/z.jpg", "c.jpg");
    }

    @Test
    void a_missing_argument_is_a_usage_error() {
        assertThatThrownBy(() -> FileScanner.scan(List.of(root.resolve("missing")), "trip"))
                .isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void declares_image_types_from_the_extension_and_octet_stream_otherwise() {
        assertThat(ContentTypes.forFileName("A.JPG")).isEqualTo("image/jpeg");
        assertThat(ContentTypes.forFileName("a.jpeg")).isEqualTo("image/jpeg");
        assertThat(ContentTypes.forFileName("a.heic")).isEqualTo("image/heic");
        assertThat(ContentTypes.forFileName("a.webp")).isEqualTo("image/webp");
        assertThat(ContentTypes.forFileName("a.svg")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.forFileName("jpg")).isEqualTo("application/octet-stream");
    }

    @Test
    void hashes_a_file_streamed_and_reports_the_hashed_size() throws Exception {
        Path file = root.resolve("abc.jpg");
        Files.writeString(file, "abc");

        Sha256.Digest digest = Sha256.of(file);

        assertThat(digest.hex()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(digest.size()).isEqualTo(3);
    }
}
