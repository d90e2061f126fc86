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
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** photo admin reprocess, stats and users against a fake API: success, bad input, not logged in, forbidden. */
class AdminCommandsTest extends FakeBackendTestBase {

    private static final String JOB = "0190c6a4-0000-4000-8000-0000000000aa";
    private static final String FORBIDDEN = """
            {"error":{"code":"forbidden","message":"this route is for members of the admins group"}}""";
    private static final String CAROL = """
            {"username":"carol","sub":"33333333-3333-4333-8333-333333333333","email":null,"enabled":true,
             "status":"FORCE_CHANGE_PASSWORD","groups":[],"createdAt":"2026-11-28T10:15:30Z"}""";

    private void stub(MappingBuilder request, int status, String body) {
        backend.server().stubFor(request.atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + FakeBackend.ACCESS_TOKEN))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    private static String job(long queued, long done, long failed, String failures) {
        long pending = queued - done - failed;
        return """
                {"jobId":"%s","dryRun":false,"matched":%d,"queued":%d,"done":%d,"failed":%d,"pending":%d,
                 "finished":%b,"createdAt":"2026-11-28T10:15:30Z","failures":[%s]}"""
                .formatted(JOB, queued, queued, done, failed, pending, pending == 0, failures);
    }

    /** A profile pointing at the fake API with no cached login and no automatic one. */
    private PhotoCli notLoggedIn() {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", backend.baseUrl().toString(), "--profile", "remote");
        return photo;
    }

    @Test
    void reprocess_wait_follows_the_job_until_done_and_exits_0() throws Exception {
        stub(post(urlEqualTo("/admin/reprocess")).withRequestBody(equalToJson("{\"missingThumbnails\":true}")),
                202, job(3, 0, 0, ""));
        backend.server().stubFor(get(urlEqualTo("/admin/reprocess/" + JOB)).atPriority(10)
                .inScenario("job").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("half")
                .willReturn(okJson(job(3, 1, 0, ""))));
        backend.server().stubFor(get(urlEqualTo("/admin/reprocess/" + JOB)).atPriority(10)
                .inScenario("job").whenScenarioStateIs("half").willReturn(okJson(job(3, 3, 0, ""))));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("admin", "reprocess", "--missing-thumbnails", "--wait");

        assertThat(result.err()).contains("reprocessing: 0/3 done", "reprocessing: 1/3 done",
                "reprocessing: 3/3 done, 0 failed, 0 pending");
        assertThat(result.out().lines()).first().asString().startsWith("JOB");
        assertThat(result.out()).contains(JOB);
    }

    @Test
    void reprocess_reports_failures_and_exits_3_when_some_failed() {
        stub(post(urlEqualTo("/admin/reprocess")), 202, job(2, 0, 0, ""));
        stub(get(urlEqualTo("/admin/reprocess/" + JOB)), 200, job(2, 1, 1,
                "{\"owner\":\"o-1\",\"photoId\":\"p-9\",\"reason\":\"the original is no longer stored\"}"));

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.PARTIAL, "admin", "reprocess", "--album", "trip",
                "--wait");

        assertThat(result.out()).contains("p-9").contains("the original is no longer stored");
    }

    @Test
    void reprocess_sends_every_selector_and_a_dry_run_prints_the_count() throws Exception {
        stub(post(urlEqualTo("/admin/reprocess")), 200, """
                {"jobId":null,"dryRun":true,"matched":7,"queued":0,"done":0,"failed":0,"pending":0,
                 "finished":true,"createdAt":null,"failures":[]}""");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("admin", "reprocess", "--id", "a", "--id", "b",
                "--user", "bob", "--status", "ready", "--dry-run");

        assertThat(result.out()).isEqualTo("dry run: 7 photos would be reprocessed\n");
        JsonNode sent = backend.requestBodies("/admin/reprocess").get(0);
        assertThat(sent).isEqualTo(Json.mapper().readTree(
                "{\"ids\":[\"a\",\"b\"],\"owner\":\"bob\",\"status\":\"READY\",\"dryRun\":true}"));
    }

    @Test
    void reprocess_refuses_no_selector_and_all_with_another_and_sends_nothing() {
        PhotoCli.Result none = photo.runAndExpect(ExitCodes.USAGE, "admin", "reprocess");
        PhotoCli.Result both = photo.runAndExpect(ExitCodes.USAGE, "admin", "reprocess", "--all", "--album", "x");
        PhotoCli.Result status = photo.runAndExpect(ExitCodes.USAGE, "admin", "reprocess", "--status", "FAILED");

        assertThat(none.err()).startsWith("photo: error: name the photos to reprocess");
        assertThat(both.err()).startsWith("photo: error: --all cannot be combined");
        assertThat(status.err()).contains("--status");
        backend.server().verify(0, postRequestedFor(urlPathMatching("/admin/.*")));
    }

    @Test
    void reprocess_as_a_non_admin_is_forbidden_with_exit_4() {
        stub(post(urlEqualTo("/admin/reprocess")), 403, FORBIDDEN);

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.AUTH, "admin", "reprocess", "--all");

        assertThat(result.err()).isEqualTo("photo: error: this route is for members of the admins group\n");
    }

    @Test
    void every_admin_command_needs_a_login() {
        PhotoCli remote = notLoggedIn();
        for (List<String> args : List.of(List.of("admin", "reprocess", "--all"), List.of("admin", "stats"),
                List.of("admin", "users", "list"), List.of("admin", "users", "disable", "carol"),
                List.of("admin", "users", "enable", "carol"), List.of("admin", "users", "promote", "carol"),
                List.of("admin", "users", "demote", "carol"),
                List.of("admin", "users", "add", "carol", "--invite", "--email", "c@example.com"))) {
            List<String> withProfile = new java.util.ArrayList<>(args);
            withProfile.addAll(List.of("--profile", "remote"));
            PhotoCli.Result result = remote.runAndExpect(ExitCodes.AUTH, withProfile.toArray(String[]::new));
            assertThat(result.err()).as(args.toString()).startsWith("photo: error: not logged in");
        }
        backend.server().verify(0, postRequestedFor(urlPathMatching("/admin/.*")));
    }

    @Test
    void stats_pages_through_every_user_and_prints_totals() throws Exception {
        stub(get(urlEqualTo("/admin/stats")), 200, """
                {"photos":3,"bytes":3072,"byStatus":{"PENDING":0,"READY":2,"REJECTED":1},
                 "users":[{"owner":"o-1","username":"alice","photos":2,"bytes":2048,
                           "byStatus":{"PENDING":0,"READY":1,"REJECTED":1}}],"nextCursor":"c1"}""");
        stub(get(urlEqualTo("/admin/stats?cursor=c1")), 200, """
                {"photos":3,"bytes":3072,"byStatus":{"PENDING":0,"READY":2,"REJECTED":1},
                 "users":[{"owner":"o-2","username":null,"photos":1,"bytes":1024,
                           "byStatus":{"PENDING":0,"READY":1,"REJECTED":0}}],"nextCursor":null}""");

        PhotoCli.Result table = photo.runAndEnsureExitCodeOk("admin", "stats");
        PhotoCli.Result json = photo.runAndEnsureExitCodeOk("admin", "stats", "--output", "json");

        assertThat(table.out().lines()).containsExactly(
                "USER   PHOTOS  READY  PENDING  REJECTED     SIZE",
                "alice       2      1        0         1  2.0 KiB",
                "o-2         1      1        0         0  1.0 KiB",
                "(all)       3      2        0         1  3.0 KiB");
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("users").findValuesAsText("owner")).containsExactly("o-1", "o-2");
        assertThat(doc.path("byStatus").path("READY").asLong()).isEqualTo(2);
    }

    @Test
    void stats_as_a_non_admin_is_forbidden() {
        stub(get(urlEqualTo("/admin/stats")), 403, FORBIDDEN);

        assertThat(photo.runAndExpect(ExitCodes.AUTH, "admin", "stats").err()).contains("admins group");
    }

    @Test
    void users_list_follows_the_cursor() throws Exception {
        stub(get(urlEqualTo("/admin/users")), 200, "{\"users\":[" + CAROL + "],\"nextCursor\":\"n\"}");
        stub(get(urlEqualTo("/admin/users?cursor=n")), 200, "{\"users\":[" + CAROL.replace("carol", "dave")
                + "],\"nextCursor\":null}");

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("admin", "users", "list", "--output", "json");

        assertThat(Json.mapper().readTree(result.out()).path("users").findValuesAsText("username"))
                .containsExactly("carol", "dave");
    }

    @Test
    void users_add_reads_the_temporary_password_without_echo_and_never_prints_it() throws Exception {
        stub(post(urlEqualTo("/admin/users")), 201, CAROL);
        PhotoCli prompted = photo.with(photo.context().withTerminal(FakeTerminal.typingPassword("Temporary-1")));

        PhotoCli.Result result = prompted.runAndEnsureExitCodeOk("admin", "users", "add", "carol", "--admin");

        assertThat(result.out()).contains("carol").contains("FORCE_CHANGE_PASSWORD").doesNotContain("Temporary-1");
        assertThat(result.err()).doesNotContain("Temporary-1");
        assertThat(backend.requestBodies("/admin/users").get(0)).isEqualTo(Json.mapper().readTree(
                "{\"username\":\"carol\",\"temporaryPassword\":\"Temporary-1\",\"admin\":true}"));
    }

    @Test
    void users_add_takes_the_password_from_stdin_and_refuses_bad_combinations() throws Exception {
        stub(post(urlEqualTo("/admin/users")), 201, CAROL);
        PhotoCli piped = photo.with(photo.context().withStdin(
                new ByteArrayInputStream("Temporary-2\n".getBytes(StandardCharsets.UTF_8))));

        piped.runAndEnsureExitCodeOk("admin", "users", "add", "carol", "--password-stdin");

        assertThat(backend.requestBodies("/admin/users").get(0).path("temporaryPassword").asText())
                .isEqualTo("Temporary-2");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "admin", "users", "add", "carol", "--invite").err())
                .contains("--invite needs --email");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "admin", "users", "add", "carol").err())
                .contains("no temporary password");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "admin", "users", "add").err()).contains("NAME");
    }

    @Test
    void users_add_of_a_taken_name_is_an_error() {
        stub(post(urlEqualTo("/admin/users")), 409,
                "{\"error\":{\"code\":\"conflict\",\"message\":\"user carol already exists\"}}");

        PhotoCli.Result result = photo.runAndExpect(ExitCodes.ERROR, "admin", "users", "add", "carol", "--invite",
                "--email", "c@example.com");

        assertThat(result.err()).isEqualTo("photo: error: user carol already exists\n");
    }

    @Test
    void disable_enable_promote_and_demote_post_to_the_users_action_and_print_the_user() {
        for (String action : List.of("disable", "enable", "promote", "demote")) {
            stub(post(urlEqualTo("/admin/users/carol%40example.com/" + action)), 200, CAROL);

            PhotoCli.Result result = photo.runAndEnsureExitCodeOk("admin", "users", action, "carol@example.com");

            assertThat(result.out()).as(action).contains("carol");
        }
    }

    @Test
    void a_user_action_on_an_unknown_user_is_not_found_and_forbidden_for_a_non_admin() {
        stub(post(urlEqualTo("/admin/users/nobody/disable")), 404,
                "{\"error\":{\"code\":\"not_found\",\"message\":\"no user nobody\"}}");
        stub(post(urlEqualTo("/admin/users/carol/promote")), 403, FORBIDDEN);

        assertThat(photo.runAndExpect(ExitCodes.NOT_FOUND, "admin", "users", "disable", "nobody").err())
                .contains("no user nobody");
        assertThat(photo.runAndExpect(ExitCodes.AUTH, "admin", "users", "promote", "carol").err())
                .contains("admins group");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "admin", "users", "promote").err()).contains("NAME");
    }

    @Test
    void stats_users_and_reprocess_have_a_plain_form() {
        stub(get(urlEqualTo("/admin/stats")), 200, """
                {"photos":2,"bytes":2048,"byStatus":{"PENDING":0,"READY":1,"REJECTED":1},
                 "users":[{"owner":"o-1","username":"alice","photos":2,"bytes":2048,
                           "byStatus":{"PENDING":0,"READY":1,"REJECTED":1}}],"nextCursor":null}""");
        stub(get(urlEqualTo("/admin/users")), 200, "{\"users\":[" + CAROL + "],\"nextCursor\":null}");
        stub(post(urlEqualTo("/admin/reprocess")), 200, job(2, 1, 1,
                "{\"photoId\":\"p-9\",\"owner\":\"o-1\",\"reason\":\"the original is no longer stored\"}"));

        assertThat(photo.runAndEnsureExitCodeOk("admin", "stats", "--output", "plain").out().lines())
                .containsExactly("alice\t2\t1\t0\t1\t2048", "(all)\t2\t1\t0\t1\t2048");
        assertThat(photo.runAndEnsureExitCodeOk("admin", "users", "list", "--output", "plain").out().lines())
                .containsExactly("carol\tFORCE_CHANGE_PASSWORD\tyes\t\t\t2026-11-28T10:15:30Z"
                        + "\t33333333-3333-4333-8333-333333333333");
        PhotoCli.Result reprocess = photo.runAndExpect(ExitCodes.PARTIAL, "admin", "reprocess", "--all",
                "--output", "plain");
        assertThat(reprocess.out().lines()).containsExactly(
                "job\t" + JOB + "\t2\t1\t1\t0\tfalse",
                "failure\tp-9\to-1\tthe original is no longer stored\t\t\t");
    }
}
