package dev.photo.cli.config;

import java.nio.file.Path;
import java.util.Map;

/** Where the CLI keeps its configuration. */
public final class ConfigDirs {

    private ConfigDirs() {
    }

    /** {@code $PHOTO_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/photo}, else {@code ~/.config/photo}. */
    public static Path configDir(Map<String, String> env, Path home) {
        String explicit = env.get("PHOTO_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "photo");
        }
        return home.resolve(".config").resolve("photo");
    }
}
