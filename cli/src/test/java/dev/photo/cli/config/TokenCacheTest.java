package dev.photo.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCacheTest {

    @TempDir
    Path dir;

    @Test
    void creates_the_config_folder_and_the_file_owner_only_and_replaces_it_whole() throws Exception {
        Path configDir = dir.resolve("new/photo");
        TokenCache cache = new TokenCache(configDir);
        Instant expiry = Instant.parse("2030-01-01T00:00:00Z");

        cache.save("local", new CachedTokens("a1", "i1", "r1", expiry));
        cache.save("local", new CachedTokens("a2", "i2", "r2", expiry));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file("local"))))
                .isEqualTo("rw-------");
        assertThat(cache.load("local")).contains(new CachedTokens("a2", "i2", "r2", expiry));
        try (var files = Files.list(configDir)) {
            assertThat(files).containsExactly(cache.file("local"));
        }
    }

    @Test
    void a_corrupt_cache_counts_as_not_logged_in() throws Exception {
        TokenCache cache = new TokenCache(dir);
        Files.writeString(cache.file("p"), "{not json");

        assertThat(cache.load("p")).isEmpty();
    }

    @Test
    void tokens_are_valid_only_with_a_minute_to_spare() {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        CachedTokens tokens = new CachedTokens("a", "i", "r", now.plusSeconds(90));

        assertThat(tokens.validAt(now, Duration.ofSeconds(60))).isTrue();
        assertThat(tokens.validAt(now.plusSeconds(31), Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void profile_names_cannot_escape_the_folder() {
        assertThat(TokenCache.isValidProfileName("prod-eu.1")).isTrue();
        assertThat(TokenCache.isValidProfileName("../x")).isFalse();
        assertThat(TokenCache.isValidProfileName(".hidden")).isFalse();
        assertThat(TokenCache.isValidProfileName("")).isFalse();
    }
}
