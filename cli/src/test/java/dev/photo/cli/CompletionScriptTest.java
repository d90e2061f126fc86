package dev.photo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionScriptTest {

    @TempDir
    Path config;

    @Test
    void the_committed_bash_completion_matches_the_commands() throws Exception {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path committed = module.resolveSibling("completions").resolve("photo.bash");

        String generated = new PhotoCli(FakeBackend.baseContext(config)).runAndEnsureExitCodeOk("generate-completion")
                .out();

        assertThat(generated).contains("upload", "--album", "--thumbnail", "--password-stdin");
        assertThat(Files.readString(committed))
                .as("completions/photo.bash is out of date; regenerate it: ./photo generate-completion > "
                        + "completions/photo.bash")
                .isEqualTo(generated);
    }
}
