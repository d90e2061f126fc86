package dev.photo.files;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where photo keeps things on this machine, after the XDG base directories: one rule each, read from an
 * environment the caller passes (the CLI's context), never from {@link System#getenv()} behind its back.
 *
 * <ul>
 *   <li>config ({@code config.json}, the token caches): {@code $PHOTO_CONFIG_DIR}, else
 *       {@code $XDG_CONFIG_HOME/photo}, else {@code ~/.config/photo};</li>
 *   <li>state of the client (upload cache and journals, one directory per profile): {@code $PHOTO_STATE_DIR}, else
 *       {@code $XDG_STATE_HOME/photo}, else {@code ~/.local/state/photo};</li>
 *   <li>data of the local stack (its database, bucket and keys): {@code $PHOTO_HOME}, else
 *       {@code $XDG_DATA_HOME/photo}, else {@code ~/.local/share/photo}.</li>
 * </ul>
 */
public final class PhotoDirs {

    private PhotoDirs() {
    }

    public static Path configDir(Map<String, String> env, Path home) {
        return resolve(env, "PHOTO_CONFIG_DIR", "XDG_CONFIG_HOME", home.resolve(".config"));
    }

    public static Path stateDir(Map<String, String> env, Path home) {
        return resolve(env, "PHOTO_STATE_DIR", "XDG_STATE_HOME", home.resolve(".local").resolve("state"));
    }

    public static Path dataDir(Map<String, String> env, Path home) {
        return resolve(env, "PHOTO_HOME", "XDG_DATA_HOME", home.resolve(".local").resolve("share"));
    }

    private static Path resolve(Map<String, String> env, String own, String xdg, Path xdgDefault) {
        String explicit = env.get(own);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String base = env.get(xdg);
        // the XDG spec: a relative path in these variables is invalid and is ignored
        if (base != null && !base.isBlank() && Path.of(base).isAbsolute()) {
            return Path.of(base, "photo");
        }
        return xdgDefault.resolve("photo");
    }
}
