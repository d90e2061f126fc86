package dev.photo.files;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoDirsTest {

    private final Path home = Path.of("/home/u");

    @Test
    void own_variables_win_over_xdg_ones() {
        Map<String, String> env = Map.of("PHOTO_CONFIG_DIR", "/c", "PHOTO_STATE_DIR", "/s", "PHOTO_HOME", "/p",
                "XDG_CONFIG_HOME", "/xc", "XDG_STATE_HOME", "/xs", "XDG_DATA_HOME", "/xd");

        assertThat(PhotoDirs.configDir(env, home)).isEqualTo(Path.of("/c"));
        assertThat(PhotoDirs.stateDir(env, home)).isEqualTo(Path.of("/s"));
        assertThat(PhotoDirs.dataDir(env, home)).isEqualTo(Path.of("/p"));
    }

    @Test
    void xdg_variables_name_the_base_of_a_photo_directory() {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", "/xc", "XDG_STATE_HOME", "/xs", "XDG_DATA_HOME", "/xd",
                "PHOTO_HOME", " ");

        assertThat(PhotoDirs.configDir(env, home)).isEqualTo(Path.of("/xc/photo"));
        assertThat(PhotoDirs.stateDir(env, home)).isEqualTo(Path.of("/xs/photo"));
        assertThat(PhotoDirs.dataDir(env, home)).isEqualTo(Path.of("/xd/photo"));
    }

    @Test
    void without_variables_the_xdg_defaults_under_home_apply_and_relative_xdg_paths_are_ignored() {
        Map<String, String> env = Map.of("XDG_STATE_HOME", "relative/state");

        assertThat(PhotoDirs.configDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.config/photo"));
        assertThat(PhotoDirs.stateDir(env, home)).isEqualTo(Path.of("/home/u/.local/state/photo"));
        assertThat(PhotoDirs.dataDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.local/share/photo"));
    }
}
