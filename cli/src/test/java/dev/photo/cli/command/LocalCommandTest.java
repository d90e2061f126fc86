package dev.photo.cli.command;

import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCommandTest {

    @TempDir
    Path config;

    @Test
    void serve_documents_its_fixed_default_ports_and_the_data_dir_option() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        PhotoCli.Result help = photo.runAndEnsureExitCodeOk("local", "serve", "--help");

        assertThat(help.out()).containsPattern("--api-port=PORT\\s+Port of the API \\(default: 9320\\)")
                .containsPattern("--cognito-port=PORT[^\\n]*\\(default: 9321\\)")
                .containsPattern("--s3-port=PORT[^\\n]*\\(default: 9322\\)")
                .contains("--data-dir=DIR");
    }

    @Test
    void serve_offers_to_hold_processing_for_benchmarks() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        PhotoCli.Result help = photo.runAndEnsureExitCodeOk("local", "serve", "--help");

        assertThat(help.out()).containsPattern("--hold-processing\\s+Keep upload events without making thumbnails");
    }

    @Test
    void the_group_alone_is_a_usage_error() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        assertThat(photo.runAndExpect(ExitCodes.USAGE, "local").err()).startsWith("photo: error: missing command");
    }
}
