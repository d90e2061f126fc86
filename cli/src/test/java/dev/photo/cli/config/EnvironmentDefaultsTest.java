package dev.photo.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.CliContext;
import dev.photo.cli.CommandLineFactory;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackendTestBase;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.output.EnvironmentHelp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentDefaultsTest extends FakeBackendTestBase {

    private static final String PHOTO = """
            {"photoId": "p-1", "album": "trip", "fileName": "a.jpg", "contentType": "image/jpeg", "size": 10,
             "sha256": "ab", "status": "READY", "uploadedAt": "2026-11-28T10:15:30Z", "thumbnails": []}""";

    @BeforeEach
    void stubListings() {
        backend.stubGet("/photos?limit=100", "{\"photos\": [" + PHOTO + "], \"nextCursor\": null}");
        backend.stubGet("/photos?album=trip&limit=1", "{\"photos\": [" + PHOTO + "], \"nextCursor\": \"c9\"}");
        backend.stubGet("/albums", "{\"albums\": [{\"name\": \"trip\", \"count\": 1, \"bytes\": 10}]}");
    }

    @Test
    void every_option_of_every_command_names_its_variable_in_its_help() {
        List<String> missing = new ArrayList<>();
        Map<String, String> ownerOfVariable = new HashMap<>();
        for (CommandLine command : allCommands(fullTree())) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String where = command.getCommandSpec().qualifiedName() + " " + option.longestName();
                List<String> variables = EnvironmentDefaults.variables(option);
                if (variables.isEmpty()) {
                    missing.add(where + ": no variable");
                    continue;
                }
                assertThat(variables).as(where).allMatch(v -> v.matches("PHOTO_[A-Z0-9_]+"));
                for (String variable : variables) {
                    if (!option.hidden() && !command.getCommandSpec().usageMessage().hidden()
                            && !help.contains(EnvironmentHelp.ROW_PREFIX + variable)) {
                        missing.add(where + ": help does not show " + variable);
                    }
                }
                // the most specific name belongs to one option: an inherited one is the same option everywhere
                String key = option.scopeType() == ScopeType.INHERIT ? option.longestName() : where;
                String earlier = ownerOfVariable.putIfAbsent(variables.get(0), key);
                if (earlier != null && !earlier.equals(key)) {
                    missing.add(where + ": " + variables.get(0) + " is also " + earlier);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(ownerOfVariable).containsKeys("PHOTO_PROFILE", "PHOTO_HOME", "PHOTO_UPLOAD_ALBUM",
                "PHOTO_UPLOAD_PARALLEL", "PHOTO_LIST_OUTPUT", "PHOTO_USERNAME");
    }

    @Test
    void own_options_take_the_command_s_variable() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_ALBUM", "trip", "PHOTO_LIST_LIMIT", "1"))
                .runAndEnsureExitCodeOk("list", "--output", "plain");

        assertThat(result.out()).startsWith("p-1\ttrip\t");
        assertThat(result.err()).contains("--cursor c9");
    }

    @Test
    void the_command_line_beats_the_environment() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_LIMIT", "7", "PHOTO_LIST_OUTPUT", "json"))
                .runAndEnsureExitCodeOk("list", "--limit", "100", "--output", "plain");

        assertThat(result.out()).startsWith("p-1\t");
    }

    @Test
    void an_own_option_is_not_read_from_the_bare_name() {
        // PHOTO_LIMIT meant for another command must not change photo list's page size
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIMIT", "7", "PHOTO_ALBUM", "trip"))
                .runAndEnsureExitCodeOk("list", "--output", "plain");

        assertThat(result.out()).startsWith("p-1\t");
        assertThat(result.err()).doesNotContain("cursor");
    }

    @Test
    void a_shared_option_takes_the_general_variable_and_the_specific_one_wins() throws Exception {
        PhotoCli general = withEnv(Map.of("PHOTO_OUTPUT", "json"));
        JsonNode albums = Json.mapper().readTree(general.runAndEnsureExitCodeOk("albums").out());
        assertThat(albums.path("albums").get(0).path("name").asText()).isEqualTo("trip");

        PhotoCli specific = withEnv(Map.of("PHOTO_OUTPUT", "json", "PHOTO_ALBUMS_OUTPUT", "plain"));
        assertThat(specific.runAndEnsureExitCodeOk("albums").out()).isEqualTo("trip\t1\t10\t\n");
    }

    @Test
    void an_empty_variable_counts_as_unset() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_LIMIT", "", "PHOTO_OUTPUT", ""))
                .runAndEnsureExitCodeOk("list");

        assertThat(result.out()).startsWith("ID ");
    }

    @Test
    void a_value_of_the_wrong_type_is_one_line_naming_the_variable() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_LIMIT", "ten")).runAndExpect(ExitCodes.USAGE, "list");

        List<String> lines = result.err().lines().toList();
        assertThat(lines.get(0)).startsWith("photo: error: $PHOTO_LIST_LIMIT: ").contains("'ten'");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("Try 'photo list --help'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void a_value_out_of_range_names_the_variable_too() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_LIMIT", "0")).runAndExpect(ExitCodes.USAGE, "list");

        assertThat(result.err().lines().toList()).containsExactly(
                "photo: error: --limit must be at least 1 (from $PHOTO_LIST_LIMIT)");
    }

    @Test
    void a_value_given_on_the_command_line_is_not_blamed_on_the_environment() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_LIST_LIMIT", "7"))
                .runAndExpect(ExitCodes.USAGE, "list", "--limit", "0");

        assertThat(result.err().lines().toList()).containsExactly("photo: error: --limit must be at least 1");
    }

    @Test
    void a_bad_enum_value_names_the_variable() {
        PhotoCli.Result result = withEnv(Map.of("PHOTO_OUTPUT", "yaml")).runAndExpect(ExitCodes.USAGE, "albums");

        assertThat(result.err().lines().findFirst().orElseThrow())
                .startsWith("photo: error: $PHOTO_OUTPUT: ").contains("yaml");
    }

    @Test
    void help_shows_each_option_s_variables() {
        String help = photo.runAndEnsureExitCodeOk("list", "--help").out();

        assertThat(help).contains("env: PHOTO_LIST_LIMIT").contains("env: PHOTO_PROFILE")
                .containsSubsequence("--output", "env: PHOTO_LIST_OUTPUT", "env: PHOTO_OUTPUT");
        assertThat(photo.runAndEnsureExitCodeOk("upload", "--help").out())
                .containsSubsequence("--parallel", "env: PHOTO_UPLOAD_PARALLEL", "env: PHOTO_PARALLEL")
                .contains("env: PHOTO_UPLOAD_ALBUM");
    }

    @Test
    void photo_debug_from_the_environment_prints_stack_traces_like_the_flag() {
        backend.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/albums")).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{not json")));

        PhotoCli.Result quiet = photo.run("albums");
        PhotoCli.Result debug = withEnv(Map.of("PHOTO_DEBUG", "true")).run("albums");

        assertThat(quiet.exitCode()).isNotZero();
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(debug.exitCode()).isEqualTo(quiet.exitCode());
        assertThat(debug.err()).contains("\tat ");
    }

    private PhotoCli withEnv(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(photo.context().env());
        env.putAll(variables);
        return photo.with(photo.context().withEnv(env));
    }

    private static CommandLine fullTree() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return CommandLineFactory.create(CliContext.fromEnvironment(Map.of()), sink, sink);
    }

    private static List<CommandLine> allCommands(CommandLine root) {
        List<CommandLine> result = new ArrayList<>();
        result.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!result.contains(sub)) {
                for (CommandLine below : allCommands(sub)) {
                    if (!result.contains(below)) {
                        result.add(below);
                    }
                }
            }
        }
        return result;
    }
}
