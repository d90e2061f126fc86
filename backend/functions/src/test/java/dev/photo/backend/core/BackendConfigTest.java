package dev.photo.backend.core;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendConfigTest {

    private static final long MIB = 1024L * 1024;

    private static Map<String, String> env(String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("PHOTO_REGION", "eu-west-1", "PHOTO_BUCKET", "photos",
                "PHOTO_USER_POOL_ID", "eu-west-1_example", "PHOTO_CLIENT_ID", "photo-cli"));
        for (int i = 0; i < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    @Test
    void environment_without_advice_advises_multipart_from_64_mib_in_16_mib_parts() {
        BackendConfig config = BackendConfig.fromEnvironment(env());

        assertThat(config.multipartThresholdBytes()).isEqualTo(64 * MIB);
        assertThat(config.partBytes()).isEqualTo(16 * MIB);
        assertThat(config.maxUploadBytes()).isEqualTo(200 * MIB);
        assertThat(config.cognitoEndpoint()).isEqualTo(URI.create("https://cognito-idp.eu-west-1.amazonaws.com/"));
    }

    @Test
    void environment_sets_the_multipart_advice() {
        BackendConfig config = BackendConfig.fromEnvironment(env("PHOTO_MULTIPART_THRESHOLD_BYTES", "134217728",
                "PHOTO_PART_BYTES", "8388608"));

        assertThat(config.multipartThresholdBytes()).isEqualTo(128 * MIB);
        assertThat(config.partBytes()).isEqualTo(8 * MIB);
    }

    @Test
    void rejects_a_threshold_below_one_byte() {
        assertThatThrownBy(() -> BackendConfig.fromEnvironment(env("PHOTO_MULTIPART_THRESHOLD_BYTES", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multipartThresholdBytes");
    }

    @Test
    void rejects_part_sizes_outside_what_s3_accepts() {
        assertThatThrownBy(() -> BackendConfig.fromEnvironment(env("PHOTO_PART_BYTES", Long.toString(5 * MIB - 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partBytes");
        assertThatThrownBy(() -> BackendConfig.fromEnvironment(env("PHOTO_PART_BYTES",
                Long.toString(5L * 1024 * MIB + 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partBytes");
        assertThat(BackendConfig.fromEnvironment(env("PHOTO_PART_BYTES", Long.toString(5 * MIB))).partBytes())
                .isEqualTo(5 * MIB);
    }
}
