package dev.photo.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.FakeBackend;
import dev.photo.cli.Json;
import dev.photo.cli.PhotoCli;
import dev.photo.cli.config.ConfigStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigureCommandTest {

    @TempDir
    Path config;

    @Test
    void writes_the_profile_and_makes_it_current() throws Exception {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        PhotoCli.Result result = photo.runAndEnsureExitCodeOk("configure", "--api-url",
                "https://api.example.com/prod/", "--profile", "prod");

        assertThat(result.out()).isEqualTo("profile prod now uses https://api.example.com/prod and is current\n");
        JsonNode file = Json.mapper().readTree(config.resolve("config.json").toFile());
        assertThat(file.path("currentProfile").asText()).isEqualTo("prod");
        assertThat(file.path("profiles").path("prod").path("apiUrl").asText()).isEqualTo("https://api.example.com/prod");
    }

    @Test
    void the_environment_and_the_option_choose_a_profile_per_call() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a.example.com", "--profile", "a");
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://b.example.com", "--profile", "b");
        ConfigStore store = new ConfigStore(config);

        assertThat(store.select(null, null).name()).isEqualTo("b");
        assertThat(store.select(null, "a").apiUrl()).hasToString("https://a.example.com");
        assertThat(store.select("a", "b").name()).isEqualTo("a");
        assertThat(store.select("local", null).isLocalStack()).isTrue();
    }

    @Test
    void without_configuration_the_profile_is_local() {
        assertThat(new ConfigStore(config).select(null, null).isLocalStack()).isTrue();
    }

    @Test
    void switches_back_to_local_without_an_url() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a.example.com", "--profile", "a");

        photo.runAndEnsureExitCodeOk("configure", "--profile", "local");

        assertThat(new ConfigStore(config).select(null, null).name()).isEqualTo("local");
    }

    @Test
    void rejects_bad_urls_and_profile_names() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config).withEnv(Map.of("PHOTO_PROFILE", "../x")));

        assertThat(photo.runAndExpect(ExitCodes.USAGE, "configure", "--api-url", "https://a.example.com").err())
                .startsWith("photo: error: invalid profile name");
        assertThat(photo.runAndExpect(ExitCodes.USAGE, "configure", "--api-url", "ftp://a", "--profile", "x").err())
                .startsWith("photo: error: --api-url must be an http(s) URL");
    }

    @Test
    void configure_chooses_the_profile_by_the_same_rule_as_every_other_command() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a.example.com", "--profile", "a");

        // no --profile: the current profile, as 'photo list' would use, not a profile of configure's own
        photo.runAndEnsureExitCodeOk("configure", "--api-url", "https://a2.example.com");
        PhotoCli fromEnv = photo.with(FakeBackend.baseContext(config).withEnv(Map.of("PHOTO_PROFILE", "b")));
        fromEnv.runAndEnsureExitCodeOk("configure", "--api-url", "https://b.example.com");

        ConfigStore store = new ConfigStore(config);
        assertThat(store.load().profiles().keySet()).containsExactlyInAnyOrder("a", "b");
        assertThat(store.select("a", null).apiUrl()).hasToString("https://a2.example.com");
        assertThat(store.select(null, null).name()).isEqualTo("b");
    }

    @Test
    void without_any_profile_configure_asks_for_a_name_instead_of_repointing_local() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config));

        assertThat(photo.runAndExpect(ExitCodes.USAGE, "configure", "--api-url", "https://a.example.com").err())
                .startsWith("photo: error: the local profile always uses the local stack");
    }

    @Test
    void an_invalid_profile_name_is_the_same_usage_error_for_every_command() {
        PhotoCli photo = new PhotoCli(FakeBackend.baseContext(config).withEnv(Map.of("PHOTO_PROFILE", "../x")));

        for (String command : new String[] {"configure", "list", "albums"}) {
            assertThat(photo.runAndExpect(ExitCodes.USAGE, command).err()).as(command)
                    .startsWith("photo: error: invalid profile name '../x'");
        }
    }
}
