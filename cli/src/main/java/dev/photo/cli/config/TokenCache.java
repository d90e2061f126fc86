package dev.photo.cli.config;

import dev.photo.cli.Json;
import dev.photo.files.SecureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** One 0600 file of tokens per profile in the config directory. */
public final class TokenCache {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path configDir;

    public TokenCache(Path configDir) {
        this.configDir = configDir;
    }

    /** Whether {@code name} can name a profile (it becomes part of a file name). */
    public static boolean isValidProfileName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    public Path file(String profile) {
        if (!isValidProfileName(profile)) {
            throw new IllegalArgumentException("invalid profile name");
        }
        return configDir.resolve("tokens-" + profile + ".json");
    }

    /** The cached tokens; an unreadable cache counts as none, since logging in again repairs it. */
    public Optional<CachedTokens> load(String profile) {
        Path file = file(profile);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), CachedTokens.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(String profile, CachedTokens tokens) {
        try {
            SecureFiles.write(file(profile), Json.mapper().writeValueAsBytes(tokens));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token cache", e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the token cache", e.getCause());
        }
    }

    /** Deletes the cached tokens; whether there were any. */
    public boolean delete(String profile) {
        try {
            return Files.deleteIfExists(file(profile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the token cache", e);
        }
    }
}
