package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListAndAlbumsCommandTest extends FakeBackendTestBase {

    private static final String PHOTO_1 = """
            {"photoId": "p-2", "album": "trip", "fileName": "IMG_0002.jpg", "contentType": "image/jpeg",
             "size": 2048, "sha256": "ab", "status": "READY", "uploadedAt": "2026-11-28T10:15:30Z",
             "processedAt": "2026-11-28T10:15:31Z", "width": 3000, "height": 4000,
             "takenAt": "2024-07-01T09:00:00Z", "camera": "photo samples", "thumbnails": [256, 1024], "error": null}""";
    private static final String PHOTO_2 = """
            {"photoId": "p-1", "album": "trip", "fileName": "notes.jpg", "contentType": "image/jpeg",
             "size": 10, "sha256": "cd", "status": "REJECTED", "uploadedAt": "2026-11-28T10:14:00Z",
             "processedAt": null, "width": null, "height": null, "takenAt": null, "camera": null,
             "thumbnails": [], "error": "not an image"}""";

    @BeforeEach
    void stubListings() {
        backend.stubGet("/photos?album=trip&limit=1", "{\"photos\": [" + PHOTO_1 + "], \"nextCursor\": \"c1\"}");
        backend.stubGet("/photos?album=trip&limit=1&cursor=c1", "{\"photos\": [" + PHOTO_2 + "], \"nextCursor\": null}");
        backend.stubGet("/photos?limit=100", "{\"photos\": [" + PHOTO_1 + ", " + PHOTO_2 + "], \"nextCursor\": null}");
        backend.stubGet("/albums", """
                {"albums": [{"name": "trip", "count": 8, "bytes": 1048576, "latestUploadAt": "2026-11-28T10:15:30Z"},
                            {"name": "garden party", "count": 12, "bytes": 512, "latestUploadAt": null}]}""");
    }

    @Test
    void list_prints_aligned_columns() {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list");

        assertThat(result.out().lines()).containsExactly(
                "ID   ALBUM  NAME          STATUS                     SIZE  PIXELS     TAKEN                 UPLOADED",
                "p-2  trip   IMG_0002.jpg  READY                   2.0 KiB  3000x4000  2024-07-01T09:00:00Z  2026-11-28T10:15:30Z",
                "p-1  trip   notes.jpg     REJECTED: not an image     10 B  -          -                     2026-11-28T10:14:00Z");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void list_all_follows_the_cursor_and_prints_one_json_document() throws Exception {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list", "--album", "trip", "--limit", "1", "--all",
                "--output", "json");

        JsonNode listing = Json.mapper().readTree(result.out());
        assertThat(listing.path("photos").findValuesAsText("photoId")).containsExactly("p-2", "p-1");
        assertThat(listing.path("nextCursor").isNull()).isTrue();
        assertThat(listing.path("photos").get(0).path("thumbnails").toString()).isEqualTo("[256,1024]");
        assertThat(listing.path("photos").get(0).path("width").asInt()).isEqualTo(3000);
    }

    @Test
    void list_without_all_stops_after_one_page_and_says_how_to_go_on() throws Exception {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list", "--album", "trip", "--limit", "1");

        assertThat(result.out()).contains("p-2").doesNotContain("p-1");
        assertThat(result.err()).contains("--all").contains("--cursor c1");
    }

    @Test
    void list_rejects_a_limit_out_of_range() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "list", "--limit", "0");

        assertThat(result.err()).isEqualTo("photo: error: --limit must be at least 1\n");
    }

    @Test
    void albums_prints_a_table_with_counts_and_sizes() {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("albums");

        assertThat(result.out().lines()).containsExactly(
                "ALBUM         PHOTOS     SIZE  LATEST UPLOAD",
                "trip               8  1.0 MiB  2026-11-28T10:15:30Z",
                "garden party      12    512 B  -");
    }

    @Test
    void albums_as_json_is_the_api_document() throws Exception {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("albums", "--output", "json");

        JsonNode albums = Json.mapper().readTree(result.out()).path("albums");
        assertThat(albums.findValuesAsText("name")).containsExactly("trip", "garden party");
        assertThat(albums.get(1).path("count").asInt()).isEqualTo(12);
    }

    @Test
    void list_plain_is_one_tab_separated_record_per_photo_with_sizes_in_bytes() {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list", "--output", "plain");

        assertThat(result.out().lines()).containsExactly(
                "p-2\ttrip\tIMG_0002.jpg\tREADY\t2048\t3000x4000\t2024-07-01T09:00:00Z\t2026-11-28T10:15:30Z",
                "p-1\ttrip\tnotes.jpg\tREJECTED: not an image\t10\t\t\t2026-11-28T10:14:00Z");
        assertThat(result.out()).doesNotContain("\u001b");
    }

    @Test
    void albums_plain_keeps_the_column_order_of_the_table() {
        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("albums", "--output", "plain");

        assertThat(result.out().lines()).containsExactly(
                "trip\t8\t1048576\t2026-11-28T10:15:30Z",
                "garden party\t12\t512\t");
    }

    @Test
    void list_on_a_narrow_terminal_shortens_names_not_ids_and_colours_only_without_no_color() {
        PhotoCli narrow = photo.with(photo.context().withTerminal(new dev.photo.cli.FakeTerminal(100)));

        java.util.List<String> coloured = narrow.runAndEnsureExitCodeOk("list").out().lines().toList();
        assertThat(coloured.get(1)).startsWith("p-2  trip").contains("\u001b[32mREADY");
        assertThat(coloured).allSatisfy(line ->
                assertThat(line.replaceAll("\u001b\\[[0-9;]*m", "").length()).isLessThanOrEqualTo(100));
        assertThat(coloured.get(2)).startsWith("p-1  trip   notes.jpg").contains("REJECTED...");

        PhotoCli noColour = narrow.with(narrow.context().withEnv(java.util.Map.of("NO_COLOR", "1")));
        String plainText = noColour.runAndEnsureExitCodeOk("list").out();
        assertThat(plainText).doesNotContain("\u001b").contains("READY");
        assertThat(noColour.runAndEnsureExitCodeOk("list", "--help").out()).doesNotContain("\u001b");
        // not a terminal: no colour, no width limit
        assertThat(photo.runAndEnsureExitCodeOk("list").out()).doesNotContain("\u001b")
                .contains("REJECTED: not an image");
    }
}
