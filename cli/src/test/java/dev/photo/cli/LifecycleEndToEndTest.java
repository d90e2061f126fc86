package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.Keys;
import dev.photo.local.LocalEndpoints;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The life of a photo on the real local stack, through the commands a user types: upload, move, rename the album,
 * list with filters, delete, and upload the same file again, which sends it anew instead of calling it a duplicate.
 */
class LifecycleEndToEndTest extends LocalStackCliTestBase {



    private JsonNode json(String... args) throws Exception {
        return Json.mapper().readTree(photo.runAndEnsureExitCodeOk(args).out());
    }

    private List<String> ids(String... listArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("list", "--output", "json"));
        args.addAll(List.of(listArgs));
        return json(args.toArray(String[]::new)).path("photos").findValuesAsText("photoId");
    }

    @Test
    void upload_move_rename_list_delete_and_upload_again() throws Exception {
        Path waves = LocalStackCli.samples().resolve("03-waves.jpg");
        Path forest = LocalStackCli.samples().resolve("06-forest.jpg");
        Path rings = LocalStackCli.samples().resolve("07-rings.jpg");
        assertThat(photo.runAndEnsureExitCodeOk("upload", waves.toString(), forest.toString(), rings.toString(),
                "--album", "beach", "--wait").out()).contains("uploaded 3, duplicate 0");
        List<String> beach = ids("--album", "beach");
        assertThat(beach).hasSize(3);
        String first = beach.get(0);
        String second = beach.get(1);
        String third = beach.get(2);

        JsonNode moved = json("move", first, "--album", "picked", "--output", "json");
        assertThat(moved.at("/moved/0/album").asText()).isEqualTo("picked");
        assertThat(ids("--album", "picked")).containsExactly(first);

        PhotoCli.Result renamed = photo.runAndEnsureExitCodeOk("albums", "rename", "beach", "summer 2026");
        assertThat(renamed.out()).isEqualTo("renamed album beach to summer 2026 (2 photos moved)\n");
        photo.runAndExpect(ExitCodes.NOT_FOUND, "albums", "rename", "beach", "summer 2026");
        assertThat(ids("--album", "beach")).isEmpty();
        assertThat(ids("--album", "summer 2026")).containsExactly(second, third);
        // onto an existing album: the two merge, and the counts follow
        photo.runAndEnsureExitCodeOk("albums", "rename", "picked", "summer 2026");
        JsonNode albums = json("albums", "--output", "json").path("albums");
        assertThat(albums.toString()).contains("\"name\":\"summer 2026\",\"count\":3").doesNotContain("picked")
                .doesNotContain("beach");

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(ids("--status", "READY", "--since", today, "--by", "uploaded")).containsExactly(first, second,
                third);
        assertThat(ids("--status", "REJECTED")).isEmpty();
        assertThat(ids("--until", "2000-01-01", "--by", "uploaded")).isEmpty();
        assertThat(ids("--album", "summer 2026", "--limit", "2")).containsExactly(first, second);
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "list", "--status", "LOST").err()).contains("--status");

        String sub = local.stack().users().find("admin").orElseThrow().sub();
        LocalEndpoints e = local.stack().endpoints();
        S3ObjectStore s3 = S3ObjectStore.forEndpoint(e.s3(), e.region(), e.s3AccessKey(), e.s3SecretKey(),
                e.bucket());
        assertThat(s3.head(Keys.thumbnail(sub, first, 256))).isPresent();
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "delete", first).err()).contains("--yes");
        JsonNode deleted = Json.mapper().readTree(photo.runAndExpect(ExitCodes.PARTIAL, "delete", first,
                "01938f3c-0000-7000-8000-0000000000ff", "--yes", "--output", "json").out());
        assertThat(deleted.path("deleted").toString()).isEqualTo("[\"" + first + "\"]");
        assertThat(deleted.at("/failed/0/code").asText()).isEqualTo("not_found");
        photo.runAndEnsureExitCodeOk("delete", second, "--yes");
        for (String id : List.of(first, second)) {
            assertThat(s3.head(Keys.original(sub, id))).isEmpty();
            assertThat(s3.head(Keys.thumbnail(sub, id, 256))).isEmpty();
            assertThat(s3.head(Keys.thumbnail(sub, id, 1024))).isEmpty();
        }
        photo.runAndEnsureExitCodeOk("delete", "--album", "summer 2026", "--yes");
        assertThat(ids()).isEmpty();
        assertThat(json("albums", "--output", "json").path("albums")).isEmpty();

        // the upload cache forgot the deleted photos: the same files are sent again, not skipped as duplicates
        PhotoCli.Result again = photo.runAndEnsureExitCodeOk("upload", waves.toString(), forest.toString(),
                rings.toString(), "--album", "again", "--wait");
        assertThat(again.out()).contains("uploaded 3, duplicate 0");
        assertThat(ids("--album", "again", "--status", "READY")).hasSize(3).doesNotContain(first, second, third);
    }
}
