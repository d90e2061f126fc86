package dev.photo.cli.config;

/** One named profile in {@code config.json}. */
public record ProfileConfig(String apiUrl) {
}
