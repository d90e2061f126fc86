package dev.photo.cli.config;

import java.util.Map;
import java.util.TreeMap;

/** The content of {@code config.json}: named profiles and the one used when none is chosen. */
public record CliConfig(String currentProfile, Map<String, ProfileConfig> profiles) {

    public CliConfig {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    }

    public static CliConfig empty() {
        return new CliConfig(null, Map.of());
    }

    /** This configuration with {@code name} set to {@code profile} and made current. */
    public CliConfig withCurrentProfile(String name, ProfileConfig profile) {
        Map<String, ProfileConfig> updated = new TreeMap<>(profiles);
        updated.put(name, profile);
        return new CliConfig(name, updated);
    }
}
