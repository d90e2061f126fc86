package dev.photo.cli.config;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;
import dev.photo.files.SecureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@code config.json} in the config directory. */
public final class ConfigStore {

    private final Path configDir;

    public ConfigStore(Path configDir) {
        this.configDir = configDir;
    }

    public Path configDir() {
        return configDir;
    }

    public Path file() {
        return configDir.resolve("config.json");
    }

    /** The configuration, or an empty one when the file does not exist yet. */
    public CliConfig load() {
        Path file = file();
        if (!Files.exists(file)) {
            return CliConfig.empty();
        }
        try {
            return Json.mapper().readValue(file.toFile(), CliConfig.class);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(CliConfig config) {
        try {
            byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(config);
            SecureFiles.write(file(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write " + file(), e.getCause());
        }
    }

    /**
     * The one rule for which profile a command uses, {@code configure} included: {@code explicit} (from
     * {@code --profile}), else {@code PHOTO_PROFILE}, else the current profile of the file, else {@code local}.
     * A name that cannot name a profile is a usage error.
     */
    public String selectName(String explicit, String fromEnvironment) {
        String name = firstNonBlank(explicit, fromEnvironment, load().currentProfile(), Profile.LOCAL);
        if (!TokenCache.isValidProfileName(name)) {
            throw CliException.usage("invalid profile name '" + name + "': use letters, digits, . _ -");
        }
        return name;
    }

    /** The profile {@link #selectName} chooses, which must be configured unless it is {@code local}. */
    public Profile select(String explicit, String fromEnvironment) {
        String name = selectName(explicit, fromEnvironment);
        ProfileConfig profile = load().profiles().get(name);
        if (profile == null || profile.apiUrl() == null || profile.apiUrl().isBlank()) {
            if (Profile.LOCAL.equals(name)) {
                return new Profile(name, null);
            }
            throw CliException.usage("no profile '" + name + "'; create it with: "
                    + "photo configure --api-url URL --profile " + name);
        }
        return new Profile(name, URI.create(profile.apiUrl()));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
