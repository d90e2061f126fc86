package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.mixin.TransferOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransferSettingsTest {

    private static final long MIB = 1L << 20;

    @Test
    void parts_grow_in_whole_mib_so_that_a_file_never_has_more_than_10000() {
        TransferSettings settings = new TransferSettings(8, new RetryPolicy(3, Duration.ZERO), 64 * MIB, 16 * MIB);

        assertThat(settings.partSizeFor(5L << 30)).isEqualTo(16 * MIB);
        assertThat(settings.partCount(5L << 30)).isEqualTo(320);
        long huge = 200L << 30;
        assertThat(settings.partSizeFor(huge)).isEqualTo(21 * MIB);
        assertThat(settings.partCount(huge)).isLessThanOrEqualTo(TransferSettings.MAX_PARTS);
        assertThat(settings.multipart(64 * MIB)).isTrue();
        assertThat(settings.multipart(64 * MIB - 1)).isFalse();
    }

    @Test
    void a_file_one_put_cannot_carry_goes_multipart_below_the_threshold() {
        TransferSettings settings = new TransferSettings(8, new RetryPolicy(3, Duration.ZERO), 10L << 30, 16 * MIB,
                200 * MIB);

        assertThat(settings.multipart(200 * MIB)).isFalse();
        assertThat(settings.multipart(200 * MIB + 1)).isTrue();
        assertThat(settings.multipart(10L << 30)).isTrue();
    }

    @Test
    void sizes_are_read_with_binary_units() {
        TransferOptions.ByteSize sizes = new TransferOptions.ByteSize();

        assertThat(sizes.convert("5MiB")).isEqualTo(5 * MIB);
        assertThat(sizes.convert("64M")).isEqualTo(64 * MIB);
        assertThat(sizes.convert("1GiB")).isEqualTo(1L << 30);
        assertThat(sizes.convert("5242880")).isEqualTo(5 * MIB);
        assertThatThrownBy(() -> sizes.convert("lots")).isInstanceOf(CliException.class);
    }
}
