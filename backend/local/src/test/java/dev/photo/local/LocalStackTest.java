package dev.photo.local;

import dev.photo.backend.fakes.Sha256;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.aws.EmbeddedS3;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PresignedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stack's own plumbing, with stand-ins for the two functions (the real ones are tested in their module). */
class LocalStackTest {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> processed = new ArrayList<>();
    private final List<APIGatewayV2HTTPEvent> apiCalls = new ArrayList<>();
    private ObjectStore objects;
    private BackendConfig config;

    private final BackendFunctions fakes = BackendFunctions.of((c, photos, o, admin) -> {
        config = c;
        objects = o;
        return (event, context) -> {
            synchronized (apiCalls) {
                apiCalls.add(event);
            }
            APIGatewayV2HTTPResponse r = new APIGatewayV2HTTPResponse();
            r.setStatusCode(200);
            // enough of GET /config for findRunning to recognise its own stack
            r.setBody("{\"clientId\":\"" + c.clientId() + "\"}");
            return r;
        };
    }, (c, photos, o, admin) -> (in, out, context) -> {
        synchronized (processed) {
            processed.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    });

    private Path dataDir() {
        return dir.resolve("data");
    }

    private LocalStack start(boolean publish) {
        return LocalStack.start(new LocalStackOptions(dataDir(), 0, 0, 0, publish), fakes);
    }

    private String login(LocalStack stack, String username, String password) {
        try (CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(stack.endpoints().cognito())
                .region(Region.of(LocalStack.REGION))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return cognito.initiateAuth(b -> b.authFlow(AuthFlowType.USER_PASSWORD_AUTH).clientId(stack.clientId())
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                    .authenticationResult().accessToken();
        }
    }

    private int getPhotos(LocalStack stack, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.endpoints().api() + "/photos"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void first_start_makes_a_private_data_dir_and_an_admin_who_can_log_in_and_call_the_api() throws Exception {
        try (LocalStack stack = start(false)) {
            LocalCredentials admin = LocalStack.adminCredentials(dataDir()).orElseThrow();

            assertThat(permissions(dataDir())).isEqualTo("rwx------");
            for (String file : List.of("local.json", "signing-key.json", "admin-credentials.json")) {
                assertThat(permissions(dataDir().resolve(file))).as(file).isEqualTo("rw-------");
            }
            assertThat(dataDir().resolve("photo.db")).exists();
            assertThat(admin.username()).isEqualTo("admin");
            assertThat(getPhotos(stack, null)).isEqualTo(401);
            assertThat(getPhotos(stack, login(stack, "admin", admin.password()))).isEqualTo(200);
            assertThat(apiCalls).singleElement().satisfies(e -> assertThat(
                    e.getRequestContext().getAuthorizer().getJwt().getClaims())
                    .containsEntry("cognito:groups", "[admins]")
                    .containsEntry("iss", "urn:photo:local:local_photo"));
            assertThat(config.cognitoEndpoint()).isEqualTo(stack.endpoints().cognito());
            assertThat(config.clientId()).isEqualTo(stack.clientId());
            assertThat(config.bucket()).isEqualTo("photos");
        }
    }

    @Test
    void the_functions_are_told_to_take_one_put_up_to_5_gib_since_multipart_costs_a_copy_here() throws Exception {
        try (LocalStack stack = start(false)) {
            assertThat(config.maxUploadBytes()).isEqualTo(5L << 30);
            assertThat(config.multipartThresholdBytes()).isEqualTo(5L << 30);
            assertThat(config.partBytes()).isEqualTo(16L << 20);
            assertThat(config.maxMultipartBytes()).isEqualTo(BackendConfig.DEFAULT_MAX_MULTIPART_BYTES);
        }
    }

    @Test
    void a_presigned_upload_reaches_the_processor_and_await_idle_waits_for_it() throws Exception {
        byte[] body = "bytes".getBytes(StandardCharsets.UTF_8);
        String sha = Sha256.hex(body);
        try (LocalStack stack = start(false)) {
            PresignedRequest put = objects.presignPut("originals/o/p", body.length, "image/jpeg", sha,
                    Duration.ofMinutes(1));

            assertThat(EmbeddedS3.send(http, put, body, Map.of()).statusCode()).isEqualTo(200);
            assertThat(stack.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(processed).singleElement().asString().contains("\"key\":\"originals/o/p\"");
            assertThat(stack.endpoints().s3AccessKey()).isNotBlank();
        }
    }

    @Test
    void a_restart_keeps_the_users_keys_and_client_so_earlier_tokens_stay_valid() throws Exception {
        String token;
        String clientId;
        try (LocalStack first = start(false)) {
            first.createUser("carol", "carols password", List.of());
            token = login(first, "carol", "carols password");
            clientId = first.clientId();
        }

        try (LocalStack second = start(false)) {
            assertThat(second.clientId()).isEqualTo(clientId);
            assertThat(getPhotos(second, token)).isEqualTo(200);
            assertThat(login(second, "carol", "carols password")).isNotBlank();
            assertThatThrownBy(() -> second.createUser("carol", "x", List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_published_stack_is_found_while_it_runs_and_forgotten_when_closed() throws Exception {
        LocalStack stack = start(true);
        Path serverFile = dataDir().resolve("server.json");

        assertThat(permissions(serverFile)).isEqualTo("rw-------");
        assertThat(LocalStack.findRunning(dataDir())).contains(stack.endpoints());

        stack.close();
        stack.close();

        assertThat(serverFile).doesNotExist();
        assertThat(LocalStack.findRunning(dataDir())).isEmpty();
    }

    @Test
    void a_server_file_naming_a_live_pid_but_another_stack_is_not_trusted(@TempDir Path elsewhere) throws Exception {
        try (LocalStack own = start(false)) {
            assertThat(own.clientId()).isNotBlank();
        }
        try (LocalStack other = LocalStack.start(LocalStackOptions.ephemeral(elsewhere))) {
            PublishedServer.of(ProcessHandle.current().pid(), other.endpoints()).write(dataDir());

            assertThat(LocalStack.findRunning(dataDir()))
                    .as("a server answering with another client id must not get this data directory's admin login")
                    .isEmpty();
        }
    }

    @Test
    void a_server_file_left_by_a_dead_process_is_removed() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (LocalStack stack = start(false)) {
            PublishedServer.of(gone.pid(), stack.endpoints()).write(dataDir());
        }

        assertThat(LocalStack.findRunning(dataDir())).isEmpty();
        assertThat(dataDir().resolve("server.json")).doesNotExist();
    }

    @Test
    void a_function_that_cannot_be_built_stops_the_parts_already_started() {
        BackendFunctions broken = BackendFunctions.of((c, photos, o, admin) -> {
            throw new IllegalStateException("cannot build the API function");
        }, fakes::processor);

        assertThatThrownBy(() -> LocalStack.start(LocalStackOptions.ephemeral(dataDir()), broken))
                .hasMessageContaining("cannot build the API function");
        try (LocalStack again = start(false)) {
            assertThat(again.endpoints().api()).isNotNull();
        }
    }

    @Test
    void nothing_runs_where_nothing_was_published() {
        assertThat(LocalStack.findRunning(dir.resolve("never-used"))).isEmpty();
        assertThat(LocalStack.adminCredentials(dir.resolve("never-used"))).isEmpty();
    }
}
