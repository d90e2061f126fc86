package dev.photo.cli;

import dev.photo.cli.command.ListCommand;
import dev.photo.cli.command.LocalCommand;
import dev.photo.cli.command.PhotoCommand;
import dev.photo.cli.command.UploadCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineFactoryTest {

    @TempDir
    Path config;

    @Test
    void a_command_line_builds_only_the_command_it_names() {
        assertThat(CommandLineFactory.subcommandsFor("upload", "samples", "--album", "t"))
                .containsExactly(UploadCommand.class);
        assertThat(CommandLineFactory.subcommandsFor("--debug", "ls", "--output", "json"))
                .containsExactly(ListCommand.class);
        assertThat(CommandLineFactory.subcommandsFor("--version")).isEmpty();
    }

    @Test
    void the_value_of_a_global_option_is_not_taken_for_a_command() {
        assertThat(CommandLineFactory.subcommandsFor("--profile", "local", "list"))
                .containsExactly(ListCommand.class);
        assertThat(CommandLineFactory.subcommandsFor("--data-dir", "upload", "local", "serve"))
                .containsExactly(LocalCommand.class);
    }

    @Test
    void help_and_unknown_words_build_every_command() {
        for (List<String> args : List.of(List.of("--help"), List.of("help", "upload"), List.of("uplod"),
                List.of("--", "upload"), List.of("-h"))) {
            assertThat(CommandLineFactory.subcommandsFor(args.toArray(String[]::new))).as("%s", args)
                    .isEqualTo(PhotoCommand.SUBCOMMANDS);
        }
    }

    @Test
    void a_mistyped_command_still_gets_suggestions_and_help_still_lists_every_command() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        assertThat(photo.runAndExpect(ExitCodes.USAGE, "uplod").err()).contains("upload");
        assertThat(photo.runAndEnsureExitCodeOk("--help").out())
                .contains("upload", "list", "albums", "download", "login", "whoami", "configure", "local",
                        "completion");
        assertThat(photo.runAndEnsureExitCodeOk("--version").out()).startsWith("photo ");
    }
}
