package dev.photo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code photo --version} alone is answered before the command model is built, with the same text. */
class VersionWithoutModelTest {

    @TempDir
    Path config;

    @Test
    void version_alone_prints_what_the_command_model_would() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));
        StringWriter modelOut = new StringWriter();
        int modelExit = CommandLineFactory.create(FakeBackend.baseContext(config), new PrintWriter(modelOut, true),
                new PrintWriter(new StringWriter(), true)).execute("--version");

        for (String option : new String[] {"--version", "-V"}) {
            PhotoCli.Result direct = photo.runAndEnsureExitCodeOk(option);
            assertThat(direct.out()).as(option).isEqualTo(modelOut.toString()).startsWith("photo ");
            assertThat(direct.err()).isEmpty();
        }
        assertThat(modelExit).isEqualTo(ExitCodes.OK);
    }

    @Test
    void version_beside_other_options_is_read_by_the_command_model_and_prints_the_same() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        assertThat(photo.runAndEnsureExitCodeOk("--debug", "--version").out())
                .isEqualTo(photo.runAndEnsureExitCodeOk("--version").out());
    }
}
