package dev.photo.cli.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    @Test
    void keeps_only_the_last_path_segment() {
        assertThat(FileNames.safe("../../etc/passwd", "id")).isEqualTo("passwd");
        assertThat(FileNames.safe("C:\\Users\\me\\IMG.jpg", "id")).isEqualTo("IMG.jpg");
        assertThat(FileNames.safe("C:x.jpg", "id")).isEqualTo("C_x.jpg");
    }

    @Test
    void falls_back_to_the_photo_id_for_names_that_are_only_dots_or_empty() {
        assertThat(FileNames.safe("..", "p-1")).isEqualTo("p-1");
        assertThat(FileNames.safe("a/..", "p-1")).isEqualTo("p-1");
        assertThat(FileNames.safe(null, "p-1")).isEqualTo("p-1");
        assertThat(FileNames.safe("dir/", "p-1")).isEqualTo("p-1");
    }

    @Test
    void never_makes_hidden_files_or_keeps_control_characters() {
        assertThat(FileNames.safe(".bashrc", "id")).isEqualTo("_bashrc");
        assertThat(FileNames.safe("a\u0000b\nc.jpg", "id")).isEqualTo("abc.jpg");
    }

    @Test
    void thumbnail_names_drop_the_extension() {
        assertThat(FileNames.baseName("IMG_1.heic")).isEqualTo("IMG_1");
        assertThat(FileNames.baseName("noext")).isEqualTo("noext");
    }
}
