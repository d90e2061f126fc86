package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.FakeTerminal;
import dev.photo.cli.upload.FileKey;
import dev.photo.cli.upload.UploadState;
import dev.photo.cli.upload.UploadStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** photo delete, photo move, photo albums rename and the filters of photo list, against a fake API. */
class PhotoLifecycleCommandsTest extends FakeBackendTestBase {

    private static final String NOT_FOUND = "{\"error\":{\"code\":\"not_found\",\"message\":\"no photo p-9\"}}";

    private static String photoJson(String id, String album) {
        return """
                {"photoId": "%s", "album": "%s", "fileName": "IMG_%s.jpg", "contentType": "image/jpeg",
                 "size": 2048, "sha256": "ab", "status": "READY", "uploadedAt": "2026-11-28T10:15:30Z",
                 "processedAt": "2026-11-28T10:15:31Z", "width": 30, "height": 40,
                 "takenAt": "2024-07-01T09:00:00Z", "camera": null, "thumbnails": [256], "error": null}"""
                .formatted(id, album, id);
    }

    private void stub(MappingBuilder request, int status, String body) {
        backend.server().stubFor(request.atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + FakeBackend.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private void deletable(String... ids) {
        for (String id : ids) {
            backend.server().stubFor(delete(urlEqualTo("/photos/" + id)).atPriority(10)
                    .withHeader("Authorization", equalTo("Bearer " + FakeBackend.ACCESS_TOKEN))
                    .willReturn(aResponse().withStatus(204)));
        }
    }

    /** A profile pointing at the fake API with no cached login and no automatic one. */
    private PhotoCli notLoggedIn() {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "remote");
        return photo;
    }

    /** {@code photo} on a terminal where the user types {@code answer} at the prompt, which is kept. */
    private PhotoCli onTerminal(String answer, List<String> prompts) {
        return photo.with(photo.context().withTerminal(FakeTerminal.typing(answer, prompts)));
    }

    private Path stateDir() {
        return photo.context().profileStateDir("local");
    }

    @Test
    void delete_with_yes_deletes_every_id_and_the_upload_cache_forgets_them() throws Exception {
        deletable("p-1", "p-2");
        FileKey one = new FileKey("/photos/one.jpg", 10, 1);
        FileKey kept = new FileKey("/photos/kept.jpg", 10, 1);
        try (UploadState state = UploadState.open(stateDir())) {
            state.remember(one, "a".repeat(64), "p-1", UploadStatus.UPLOADED);
            state.remember(kept, "b".repeat(64), "p-7", UploadStatus.UPLOADED);
        }

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("delete", "p-1", "p-2", "p-1", "--yes",
                "--output", "json");

        JsonNode body = Json.mapper().readTree(result.out());
        assertThat(body.path("deleted").toString()).isEqualTo("[\"p-1\",\"p-2\"]");
        assertThat(body.path("failed").isEmpty()).isTrue();
        backend.server().verify(1, deleteRequestedFor(urlEqualTo("/photos/p-1")));
        try (UploadState state = UploadState.open(stateDir())) {
            assertThat(state.stored(one)).isEmpty();
            assertThat(state.stored(kept)).isPresent();
        }
    }

    @Test
    void delete_goes_on_past_a_failed_id_and_exits_3() throws Exception {
        deletable("p-1", "p-3");
        stub(delete(urlEqualTo("/photos/p-9")), 404, NOT_FOUND);

        PhotoCli.Result table = photo.runAndExpect(ExitCodes.PARTIAL, "delete", "p-1", "p-9", "p-3", "-y");
        PhotoCli.Result json = photo.runAndExpect(ExitCodes.PARTIAL, "delete", "p-9", "p-1", "-y", "--output",
                "json");

        assertThat(table.out()).containsPattern("p-1\\s+deleted").containsPattern("p-9\\s+failed: no photo p-9")
                .containsPattern("p-3\\s+deleted");
        assertThat(table.err()).isEqualTo("deleted 2 of 3 photos\n");
        JsonNode body = Json.mapper().readTree(json.out());
        assertThat(body.path("deleted").toString()).isEqualTo("[\"p-1\"]");
        assertThat(body.at("/failed/0/photoId").asText()).isEqualTo("p-9");
        assertThat(body.at("/failed/0/code").asText()).isEqualTo("not_found");
    }

    @Test
    void delete_of_only_unknown_ids_is_exit_5() {
        stub(delete(urlEqualTo("/photos/p-9")), 404, NOT_FOUND);

        photo.runAndExpect(ExitCodes.NOT_FOUND, "delete", "p-9", "--yes");
    }

    @Test
    void delete_refuses_without_yes_when_stdin_is_not_a_terminal_and_deletes_nothing() {
        PhotoCli.Result result = photo.runAndExpect(ExitCodes.USAGE, "delete", "p-1");

        assertThat(result.err())
                .isEqualTo("photo: error: refusing to delete without --yes: there is no terminal to confirm on\n");
        backend.server().verify(0, deleteRequestedFor(urlPathMatching("/photos/.*")));
    }

    @Test
    void delete_asks_on_a_terminal_and_deletes_only_after_a_yes() {
        deletable("p-1");
        List<String> prompts = new ArrayList<>();

        PhotoCli.Result declined = onTerminal("n", prompts).runAndExpect(ExitCodes.ERROR, "delete", "p-1");
        backend.server().verify(0, deleteRequestedFor(urlPathMatching("/photos/.*")));
        onTerminal("y", prompts).runAndEnsureExitCodeOk("delete", "p-1");

        assertThat(declined.err()).isEqualTo("nothing deleted\n");
        assertThat(prompts).hasSize(2).allMatch(p -> p.startsWith("Delete 1 photo ") && p.endsWith("[y/N] "));
        backend.server().verify(1, deleteRequestedFor(urlEqualTo("/photos/p-1")));
    }

    @Test
    void delete_of_an_album_pages_through_it_before_deleting_every_photo() throws Exception {
        backend.stubGet("/photos?album=trip&limit=1000", "{\"photos\": [" + photoJson("p-2", "trip")
                + "], \"nextCursor\": \"c1\"}");
        backend.stubGet("/photos?album=trip&limit=1000&cursor=c1", "{\"photos\": [" + photoJson("p-1", "trip")
                + "], \"nextCursor\": null}");
        backend.stubGet("/photos?album=empty&limit=1000", "{\"photos\": [], \"nextCursor\": null}");
        deletable("p-1", "p-2");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("delete", "--album", "trip", "--yes", "--output",
                "json");
        PhotoCli.Result empty = photo.runAndExpect(ExitCodes.NOT_FOUND, "delete", "--album", "empty", "--yes");

        assertThat(Json.mapper().readTree(result.out()).path("deleted").toString())
                .isEqualTo("[\"p-2\",\"p-1\"]");
        assertThat(empty.err()).isEqualTo("photo: error: album empty has no photos\n");
    }

    @Test
    void delete_needs_ids_or_an_album_but_not_both_and_a_login() {
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "delete", "--yes").err())
                .startsWith("photo: error: name the photos to delete");
        photo.runAndExpect(ExitCodes.USAGE, "delete", "p-1", "--album", "trip", "--yes");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "delete", "--album", "../etc", "--yes").err())
                .contains("not a valid album name");

        notLoggedIn().runAndExpect(ExitCodes.AUTH, "delete", "p-1", "--yes", "--profile", "remote");
        backend.server().verify(0, deleteRequestedFor(urlPathMatching("/photos/.*")));
    }

    @Test
    void move_moves_each_photo_and_reports_one_that_is_not_the_callers() throws Exception {
        stub(post(urlEqualTo("/photos/p-1/move")).withRequestBody(equalToJson("{\"album\":\"home 2024\"}")), 200,
                photoJson("p-1", "home 2024"));
        stub(post(urlEqualTo("/photos/p-9/move")), 404, NOT_FOUND);

        PhotoCli.Result table = photo.runAndExpect(ExitCodes.PARTIAL, "move", "p-1", "p-9", "--album", "home 2024");
        PhotoCli.Result json = photo.runAndEnsureExitCodeOk("move", "p-1", "--album", "home 2024", "--output",
                "json");
        PhotoCli.Result missing = photo.runAndExpect(ExitCodes.NOT_FOUND, "move", "p-9", "--album", "home 2024");

        assertThat(table.out()).containsPattern("p-1\\s+IMG_p-1.jpg\\s+moved to home 2024")
                .containsPattern("p-9\\s+-\\s+failed: no photo p-9");
        assertThat(Json.mapper().readTree(json.out()).at("/moved/0/album").asText()).isEqualTo("home 2024");
        assertThat(missing.out()).contains("failed: no photo p-9");
    }

    @Test
    void move_checks_the_album_name_before_sending_anything_and_needs_a_login() {
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "move", "p-1", "--album", " spaced").err())
                .startsWith("photo: error: --album  spaced is not a valid album name");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "move", "p-1").err()).contains("--album");
        photo.runAndExpect(ExitCodes.USAGE, "move", "--album", "home");
        notLoggedIn().runAndExpect(ExitCodes.AUTH, "move", "p-1", "--album", "home", "--profile", "remote");
        backend.server().verify(0, postRequestedFor(urlPathMatching("/photos/.*")));
    }

    @Test
    void albums_rename_calls_until_the_old_album_is_empty() throws Exception {
        backend.server().stubFor(post(urlEqualTo("/albums/2024%20trip/rename")).atPriority(10)
                .withRequestBody(equalToJson("{\"to\":\"summer\"}"))
                .inScenario("rename").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("half")
                .willReturn(okJson("{\"from\":\"2024 trip\",\"to\":\"summer\",\"moved\":200,\"done\":false}")));
        backend.server().stubFor(post(urlEqualTo("/albums/2024%20trip/rename")).atPriority(10)
                .inScenario("rename").whenScenarioStateIs("half").willSetStateTo("done")
                .willReturn(okJson("{\"from\":\"2024 trip\",\"to\":\"summer\",\"moved\":5,\"done\":true}")));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("albums", "rename", "2024 trip", "summer");

        assertThat(result.out()).isEqualTo("renamed album 2024 trip to summer (205 photos moved)\n");
        backend.server().verify(2, postRequestedFor(urlEqualTo("/albums/2024%20trip/rename")));
    }

    @Test
    void albums_rename_of_an_album_the_caller_does_not_have_is_exit_5() throws Exception {
        stub(post(urlEqualTo("/albums/theirs/rename")), 404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"no album theirs\"}}");
        // a last step that did not know it was the last: the next call finds nothing left, and that is done
        backend.server().stubFor(post(urlEqualTo("/albums/mine/rename")).atPriority(10)
                .inScenario("last").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("empty")
                .willReturn(okJson("{\"from\":\"mine\",\"to\":\"ours\",\"moved\":200,\"done\":false}")));
        backend.server().stubFor(post(urlEqualTo("/albums/mine/rename")).atPriority(10)
                .inScenario("last").whenScenarioStateIs("empty")
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"not_found\",\"message\":\"no album mine\"}}")));

        PhotoCli.Result missing = photo.runAndExpect(ExitCodes.NOT_FOUND, "albums", "rename", "theirs", "mine");
        PhotoCli.Result finished = photo.runAndEnsureExitCodeOk("albums", "rename", "mine", "ours", "--output",
                "json");

        assertThat(missing.err()).isEqualTo("photo: error: you have no album theirs\n");
        assertThat(Json.mapper().readTree(finished.out()).toString())
                .isEqualTo("{\"from\":\"mine\",\"to\":\"ours\",\"moved\":200,\"done\":true}");
    }

    @Test
    void albums_rename_checks_both_names_and_needs_a_login() {
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "albums", "rename", "trip", "a/b").err())
                .startsWith("photo: error: \"a/b\" is not a valid album name");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "albums", "rename", "trip", "trip").err())
                .isEqualTo("photo: error: the new name is the album's own name\n");
        photo.runAndExpect(ExitCodes.USAGE, "albums", "rename", "trip");
        notLoggedIn().runAndExpect(ExitCodes.AUTH, "albums", "rename", "trip", "home", "--profile", "remote");
        backend.server().verify(0, postRequestedFor(urlPathMatching("/albums/.*")));
    }

    @Test
    void list_sends_the_filters_to_the_server_and_pages_through_everything() throws Exception {
        backend.stubGet("/photos?status=READY&since=2024-07-01&until=2024-07-31T12%3A00%3A00Z&by=uploaded&limit=100",
                "{\"photos\": [" + photoJson("p-3", "trip") + "], \"nextCursor\": \"c1\"}");
        backend.stubGet("/photos?status=READY&since=2024-07-01&until=2024-07-31T12%3A00%3A00Z&by=uploaded"
                + "&limit=100&cursor=c1", "{\"photos\": [" + photoJson("p-2", "trip") + "], \"nextCursor\": null}");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list", "--status", "ready", "--since", "2024-07-01",
                "--until", "2024-07-31T12:00:00Z", "--by", "uploaded", "--output", "json");

        JsonNode listing = Json.mapper().readTree(result.out());
        assertThat(listing.path("photos").findValuesAsText("photoId")).containsExactly("p-3", "p-2");
        assertThat(listing.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void list_limit_caps_the_photos_across_pages_and_leaves_the_cursor_after_the_last_shown() throws Exception {
        backend.stubGet("/photos?status=PENDING&limit=3", "{\"photos\": [" + photoJson("p-5", "a") + ", "
                + photoJson("p-4", "a") + "], \"nextCursor\": \"c1\"}");
        backend.stubGet("/photos?status=PENDING&limit=1&cursor=c1", "{\"photos\": [" + photoJson("p-3", "a")
                + "], \"nextCursor\": \"c2\"}");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("list", "--status", "PENDING", "--limit", "3",
                "--output", "json");

        JsonNode listing = Json.mapper().readTree(result.out());
        assertThat(listing.path("photos").findValuesAsText("photoId")).containsExactly("p-5", "p-4", "p-3");
        assertThat(listing.path("nextCursor").asText()).isEqualTo("c2");
    }

    @Test
    void list_refuses_a_bad_filter_before_asking_the_server() {
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "list", "--status", "FAILED").err())
                .isEqualTo("photo: error: --status must be PENDING, READY or REJECTED, not FAILED\n");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "list", "--since", "last week").err())
                .startsWith("photo: error: --since must be a date");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "list", "--since", "2024-02-01", "--until", "2024-01-31")
                .err()).isEqualTo("photo: error: --since must be before --until\n");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "list", "--by", "processed").err()).contains("--by");
        notLoggedIn().runAndExpect(ExitCodes.AUTH, "list", "--status", "READY", "--profile", "remote");
        backend.server().verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching("/photos.*")));
    }
}
