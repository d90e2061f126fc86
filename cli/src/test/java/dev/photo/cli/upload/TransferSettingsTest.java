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
    void the_batch_size_is_the_servers_maxbatch_within_what_the_client_can_hold() {
        TransferSettings settings = TransferSettings.defaults(new RetryPolicy(3, Duration.ZERO));

        assertThat(settings.maxBatch()).isEqualTo(TransferSettings.DEFAULT_MAX_BATCH);
        assertThat(settings.withMaxBatch(25).maxBatch()).isEqualTo(25);
        assertThat(settings.withMaxBatch(null).maxBatch()).as("not advertised").isEqualTo(100);
        assertThat(settings.withMaxBatch(0).maxBatch()).as("unusable").isEqualTo(100);
        assertThat(settings.withMaxBatch(50_000).maxBatch()).isEqualTo(TransferSettings.MAX_ADVISED_BATCH);
        assertThat(settings.withMaxBatch(25).parallel()).isEqualTo(settings.parallel());
    }

    @Test
    void a_batch_is_one_album_within_the_file_and_part_limits() {
        BatchRule rule = new BatchRule(2);

        assertThat(rule.joins(0, 0, false, 20_000)).as("a batch is never empty").isTrue();
        assertThat(rule.joins(1, 0, true, 0)).isTrue();
        assertThat(rule.joins(2, 0, true, 0)).as("full").isFalse();
        assertThat(rule.joins(1, 0, false, 0)).as("another album").isFalse();
        assertThat(rule.joins(1, 9_000, true, 1_001)).as("too many parts").isFalse();
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
