package dev.photo.cli.completion;

import dev.photo.cli.FakeBackend;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedFilesTest {

    private static final String REGENERATE = "regenerate them with: packaging/regenerate-docs.sh";

    @TempDir
    Path config;

    private final Path repository = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
    private final CommandLine model = GeneratedFiles.commandModel();

    @Test
    void the_committed_completions_and_man_pages_match_the_commands() throws IOException {
        Map<Path, String> generated = GeneratedFiles.files(model);
        List<String> outOfDate = new ArrayList<>();
        for (Map.Entry<Path, String> file : generated.entrySet()) {
            Path committed = repository.resolve(file.getKey());
            if (!Files.exists(committed)) {
                outOfDate.add(file.getKey() + " (missing)");
            } else if (!Files.readString(committed).equals(file.getValue())) {
                outOfDate.add(file.getKey() + " (differs)");
            }
        }
        try (Stream<Path> pages = Files.list(repository.resolve(GeneratedFiles.MAN))) {
            pages.map(p -> GeneratedFiles.MAN.resolve(p.getFileName()))
                    .filter(p -> p.toString().endsWith(".1") && !generated.containsKey(p))
                    .forEach(p -> outOfDate.add(p + " (no such command any more)"));
        }

        assertThat(outOfDate)
                .as("the committed completion scripts and man pages no longer match the commands; " + REGENERATE)
                .isEmpty();
    }

    @Test
    void every_visible_command_has_a_man_page_and_hidden_ones_have_none() {
        Map<Path, String> files = GeneratedFiles.files(model);

        assertThat(files).containsKeys(GeneratedFiles.MAN.resolve("photo.1"),
                GeneratedFiles.MAN.resolve("photo-upload.1"), GeneratedFiles.MAN.resolve("photo-local-serve.1"),
                GeneratedFiles.MAN.resolve("photo-completion.1"));
        assertThat(files).doesNotContainKey(GeneratedFiles.MAN.resolve("photo-generate-completion.1"));
        assertThat(files.get(GeneratedFiles.MAN.resolve("photo-upload.1")))
                .contains(".TH \"PHOTO-UPLOAD\" 1", ".SH SYNOPSIS", ".SH OPTIONS", "\\fB\\-\\-album\\fR",
                        ".SH EXIT STATUS", "\\fBphoto\\fR(1)");
    }

    @Test
    void photo_completion_prints_the_script_of_each_shell() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        for (Shell shell : Shell.values()) {
            assertThat(photo.runAndEnsureExitCodeOk("completion", shell.name()).out())
                    .isEqualTo(CompletionScripts.script(shell, model));
        }
        assertThat(photo.runAndEnsureExitCodeOk("completion", "fish").out())
                .contains("complete -c photo -n '__photo_at \\'\\'' -a 'upload'",
                        "complete -c photo -n '__photo_at \\'local serve\\''");
    }

    @Test
    void the_old_generate_completion_still_prints_the_bash_script_but_is_not_listed() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        assertThat(photo.runAndEnsureExitCodeOk("generate-completion").out())
                .isEqualTo(photo.runAndEnsureExitCodeOk("completion", "bash").out());
        assertThat(photo.runAndEnsureExitCodeOk("--help").out()).contains("completion").doesNotContain("generate");
    }

    @Test
    void completion_without_a_shell_is_a_usage_error() {
        PhotoCli.Result result = new PhotoCli(FakeBackend.baseContext(config)).runAndExpect(2, "completion");

        assertThat(result.err()).contains("photo: error: name a shell: photo completion bash|zsh|fish");
    }

    @Test
    void profile_names_complete_from_the_config() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a.example.com", "--profile", "work");

        assertThat(photo.runAndEnsureExitCodeOk("completion", "--candidates", "profiles").out().lines())
                .containsExactly("local", "work");
        assertThat(CompletionScripts.script(Shell.bash, model))
                .contains("$(photo completion --candidates profiles 2>/dev/null)");
        assertThat(CompletionScripts.script(Shell.fish, model))
                .contains("-l profile -x -a '(photo completion --candidates profiles 2>/dev/null)'");
    }
}
