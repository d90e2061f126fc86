package dev.photo.cli.completion;

import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.config.AlbumNameCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --album} completes from the names {@code photo albums} and {@code photo upload} cached, offline. */
class AlbumCompletionTest extends FakeBackendTestBase {

    private static final String ALBUMS = """
            {"albums": [{"name": "trip", "count": 8, "bytes": 1048576, "latestUploadAt": "2026-11-28T10:15:30Z"},
                        {"name": "garden party", "count": 12, "bytes": 512, "latestUploadAt": null}]}""";

    @TempDir
    Path scratch;

    @Test
    void album_names_listed_once_complete_without_asking_the_api() {
        backend.stubGet("/albums", ALBUMS);
        photo.runAndEnsureExitCodeOk("albums");
        int requests = backend.server().getAllServeEvents().size();

        assertThat(photo.runAndEnsureExitCodeOk("completion", "--candidates", "albums").out().lines())
                .containsExactly("garden party", "trip");
        assertThat(backend.server().getAllServeEvents()).as("requests after completing").hasSize(requests);
    }

    @Test
    void nothing_is_offered_before_any_listing_or_upload() {
        assertThat(photo.runAndEnsureExitCodeOk("completion", "--candidates", "albums").out()).isEmpty();
        assertThat(backend.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void a_new_listing_drops_albums_that_are_gone_and_an_upload_adds_its_own() {
        AlbumNameCache cache = new AlbumNameCache(photo.context().profileStateDir("local"));
        cache.replace(List.of("old", "trip"));
        backend.stubGet("/albums", ALBUMS);
        photo.runAndEnsureExitCodeOk("albums");
        cache.add(List.of("new one", "trip"));

        assertThat(cache.read()).containsExactly("garden party", "new one", "trip");
    }

    @Test
    void each_profile_completes_its_own_albums() {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a.example.com", "--profile", "work");
        new AlbumNameCache(photo.context().profileStateDir("work")).replace(List.of("office"));
        new AlbumNameCache(photo.context().profileStateDir("local")).replace(List.of("trip"));

        assertThat(photo.runAndEnsureExitCodeOk("--profile", "work", "completion", "--candidates", "albums").out())
                .isEqualTo("office\n");
        assertThat(photo.runAndEnsureExitCodeOk("--profile", "local", "completion", "--candidates", "albums").out())
                .isEqualTo("trip\n");
    }

    @Test
    void an_unreadable_cache_offers_nothing_and_fails_nothing() throws IOException {
        Path stateDir = photo.context().profileStateDir("local");
        // a directory where the file should be: reading fails, and so does replacing it
        Files.createDirectories(stateDir.resolve("album-names").resolve("x"));
        backend.stubGet("/albums", ALBUMS);

        photo.runAndEnsureExitCodeOk("albums");
        assertThat(photo.runAndEnsureExitCodeOk("completion", "--candidates", "albums").out()).isEmpty();
    }

    @Test
    void bash_completes_album_names_with_spaces_from_the_profile_on_the_line() throws Exception {
        CommandLine model = GeneratedFiles.commandModel();
        Path script = scratch.resolve("photo.bash");
        Files.writeString(script, CompletionScripts.script(Shell.bash, model));
        Path calls = scratch.resolve("calls");
        // `photo` stands in for the real command: it records how the script called it and answers as
        // `photo completion --candidates albums` would
        String driver = """
                source '%s'
                photo() { local IFS=' '; echo "$*" >> '%s'; printf 'garden party\\ntrip\\n'; }
                COMP_WORDS=(photo list --profile work --album g)
                COMP_CWORD=5
                COMP_LINE='photo list --profile work --album g'
                COMP_POINT=${#COMP_LINE}
                _complete_photo photo g --album
                printf '%%s\\n' "${COMPREPLY[@]}"
                """.formatted(script, calls);
        // stderr aside: picocli's functions call compopt, which bash refuses outside a real TAB press
        Process bash = new ProcessBuilder("bash", "-c", driver).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out.lines()).as(out).containsExactly("garden\\ party");
        assertThat(Files.readString(calls)).isEqualTo("--profile work completion --candidates albums\n");
    }

    @Test
    void fish_and_zsh_scripts_complete_album_names_from_the_cache() {
        CommandLine model = GeneratedFiles.commandModel();

        assertThat(CompletionScripts.script(Shell.fish, model))
                .contains("-s a -l album -x -a '(__photo_albums)'")
                .contains("photo $profile completion --candidates albums 2>/dev/null");
        assertThat(CompletionScripts.script(Shell.zsh, model)).contains("_photo_albums \"${curr_word}\"");
    }
}
