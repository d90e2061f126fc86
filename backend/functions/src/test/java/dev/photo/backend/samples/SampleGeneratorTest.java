package dev.photo.backend.samples;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SampleGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void writes_small_distinct_samples_with_one_portrait_by_orientation_and_one_png() throws Exception {
        SampleGenerator.main(new String[] {dir.toString()});

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSizeBetween(7, 11)
                    .contains("02-tower-orientation6.jpg", "08-shapes-alpha.png");
        }
        for (SampleGenerator.Sample sample : SampleGenerator.samples()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(sample.fileName()));
            assertThat(bytes.length).as(sample.fileName()).isLessThan(300 * 1024);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image.getWidth()).as(sample.fileName()).isBetween(800, 1600);
        }
        Metadata turned = ImageMetadataReader.readMetadata(dir.resolve("02-tower-orientation6.jpg").toFile());
        ExifIFD0Directory ifd0 = turned.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("photo");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MODEL)).isEqualTo("samples");
        BufferedImage stored = ImageIO.read(dir.resolve("02-tower-orientation6.jpg").toFile());
        assertThat(stored.getWidth()).isGreaterThan(stored.getHeight());
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void on_the_fly_jpegs_carry_the_orientation_they_were_asked_for(int orientation) throws Exception {
        byte[] jpeg = SampleGenerator.jpeg(320, 240, orientation);

        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)
                .getInt(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(orientation);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void writes_date_time_original_and_its_offset_into_the_exif_ifd() throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(
                SampleGenerator.samples().get(2).bytes()));

        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        assertThat(exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)).isEqualTo("2024:07:03 12:15:00");
        assertThat(exif.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL)).isEqualTo("+02:00");
    }

    @Test
    void leaves_exif_out_when_asked_for_none() throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(
                SampleGenerator.jpeg(100, 80, 0)));

        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
    }
}
