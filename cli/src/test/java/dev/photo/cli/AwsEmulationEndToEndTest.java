package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import dev.photo.backend.aws.AwsClients;
import dev.photo.backend.aws.DynamoPhotoRepository;
import dev.photo.backend.aws.DynamoTables;
import dev.photo.backend.aws.moto.MotoClients;
import dev.photo.backend.aws.moto.MotoExtension;
import dev.photo.backend.aws.moto.MotoServer;
import dev.photo.backend.core.Keys;
import dev.photo.backend.core.Photo;
import dev.photo.backend.lambda.ApiFunction;
import dev.photo.backend.lambda.LambdaFunctions;
import dev.photo.backend.lambda.ProcessorFunction;
import dev.photo.cli.config.CachedTokens;
import dev.photo.cli.config.TokenCache;
import dev.photo.contract.PhotoStatus;
import dev.photo.local.api.ApiServer;
import dev.photo.local.api.JwtAuthorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow with the AWS adapters only, against one moto server standing in for S3, DynamoDB, SQS and Cognito.
 * The functions are built from an environment map, as Lambda builds them; the API sits behind the HTTP API's JWT
 * check against the emulated pool's JWKS; S3's own notifications (moto delivers them to a queue, keys URL-encoded,
 * an extra {@code ObjectCreated:Put} after a multipart upload) are drained into the processor, as S3 would invoke
 * it. {@code photo} itself logs in through the emulated Cognito and talks to nothing else.
 */
@ExtendWith(MotoExtension.class)
class AwsEmulationEndToEndTest {

    private static final Path SAMPLES = LocalStackCli.samples();
    private static final String BUCKET = "photo-e2e";
    private static final String TABLE = "photos-e2e";
    private static final String QUEUE = "photo-e2e-originals";
    private static final String USERNAME = "alice";
    private static final String PASSWORD = "Correct-Horse-9-Battery";
    private static final long PART_BYTES = 5L * 1024 * 1024;
    private static final String PROFILE = "aws";

    @TempDir
    static Path configDir;
    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    private static AwsClients clients;
    private static CognitoIdentityProviderClient cognito;
    private static SqsClient sqs;
    private static ApiServer api;
    private static EventPump pump;
    private static String sub;
    private static String poolId;
    private static String clientId;
    private static PhotoCli photo;

    @BeforeAll
    static void deploy(MotoServer moto) throws Exception {
        clients = MotoClients.clients(moto);
        cognito = CognitoIdentityProviderClient.builder().region(clients.region()).endpointOverride(moto.endpoint())
                .credentialsProvider(clients.credentials()).httpClient(clients.httpClient()).build();
        sqs = SqsClient.builder().region(clients.region()).endpointOverride(moto.endpoint())
                .credentialsProvider(clients.credentials()).httpClient(clients.httpClient()).build();

        // what template.yaml creates: the pool, its app client and admins group, the table, the bucket and its
        // ObjectCreated notification on originals/ only
        poolId = cognito.createUserPool(b -> b.poolName("photo-e2e")).userPool().id();
        clientId = cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName("photo-cli")
                .generateSecret(false).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)).userPoolClient().clientId();
        cognito.createGroup(b -> b.userPoolId(poolId).groupName("admins"));
        cognito.adminCreateUser(b -> b.userPoolId(poolId).username(USERNAME).messageAction("SUPPRESS")
                .userAttributes(AttributeType.builder().name("email").value("alice@example.com").build()));
        cognito.adminSetUserPassword(b -> b.userPoolId(poolId).username(USERNAME).password(PASSWORD).permanent(true));
        sub = cognito.adminGetUser(b -> b.userPoolId(poolId).username(USERNAME)).userAttributes().stream()
                .filter(a -> a.name().equals("sub")).findFirst().orElseThrow().value();

        DynamoTables.create(clients.dynamo(), TABLE);
        clients.s3().createBucket(b -> b.bucket(BUCKET));
        String queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        clients.s3().putBucketNotificationConfiguration(b -> b.bucket(BUCKET).notificationConfiguration(n -> n
                .queueConfigurations(q -> q.queueArn(queueArn).events(Event.S3_OBJECT_CREATED)
                        // S3 takes the rule name in either case; moto only in lower case, not the SDK's "Prefix"
                        .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value(Keys.ORIGINALS)))))));

        Map<String, String> env = MotoClients.environment(moto);
        env.put("PHOTO_REGION", MotoServer.REGION);
        env.put("PHOTO_BUCKET", BUCKET);
        env.put("PHOTO_TABLE", TABLE);
        env.put("PHOTO_USER_POOL_ID", poolId);
        env.put("PHOTO_CLIENT_ID", clientId);
        // the function admin reprocessing would invoke; this flow never reprocesses, so none is deployed
        env.put("PHOTO_PROCESSOR_FUNCTION", "photo-processor");
        env.put("PHOTO_CURSOR_KEY", Base64.getEncoder().encodeToString(DynamoTables.CURSOR_KEY));
        env.put("PHOTO_COGNITO_ENDPOINT", moto.endpoint().toString());
        env.put("PHOTO_MULTIPART_THRESHOLD_BYTES", Long.toString(PART_BYTES));
        env.put("PHOTO_PART_BYTES", Long.toString(PART_BYTES));
        ApiFunction apiFunction = LambdaFunctions.api(env, new PrintStream(OutputStream.nullOutputStream()));
        ProcessorFunction processor = LambdaFunctions.processor(env,
                new PrintStream(OutputStream.nullOutputStream()));

        // the HTTP API's authorizer: the pool's keys as Cognito publishes them, its issuer, the app client
        JWKSet keys = JWKSet.load(moto.endpoint().resolve("/" + poolId + "/.well-known/jwks.json").toURL());
        String issuer = "https://cognito-idp." + MotoServer.REGION + ".amazonaws.com/" + poolId;
        api = ApiServer.start(0, apiFunction, new JwtAuthorizer(keys, issuer, clientId, Clock.systemUTC()),
                Clock.systemUTC());
        pump = EventPump.start(sqs, queueUrl, processor);

        photo = new PhotoCli(LocalStackCli.isolated(configDir, dataDir)
                .withEnv(Map.of("PHOTO_PASSWORD", PASSWORD)));
    }

    @AfterAll
    static void tearDown() {
        if (pump != null) {
            pump.close();
        }
        if (api != null) {
            api.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (cognito != null) {
            cognito.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void logs_in_through_cognito_uploads_single_and_multipart_lists_downloads_and_deletes() throws Exception {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", api.endpoint().toString(), "--profile", PROFILE);
        PhotoCli.Result login = cli("login", "--username", USERNAME);
        assertThat(login.out()).contains("logged in as " + USERNAME);
        assertThat(login.out() + login.err()).doesNotContain(PASSWORD);
        assertThat(new TokenCache(configDir).load(PROFILE)).isPresent();

        Path folder = Files.createDirectories(work.resolve("trip"));
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png"))
                    .sorted().toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
                names.add(f.getFileName().toString());
            }
        }
        Path big = folder.resolve("big-noise.png");
        writeNoisePng(big, 1600, 1400);
        assertThat(Files.size(big)).as("large enough for two parts").isGreaterThan(PART_BYTES);
        names.add(big.getFileName().toString());

        PhotoCli.Result upload = cli("upload", folder.toString(), "--album", "trip", "--wait");
        assertThat(upload.out()).contains("uploaded " + names.size() + ", duplicate 0, rejected 0, failed 0");
        assertThat(pump.processed()).as("every original reached the processor through S3's notification")
                .isGreaterThanOrEqualTo(names.size());

        JsonNode photos = Json.mapper().readTree(cli("list", "--album", "trip", "--output", "json").out())
                .get("photos");
        assertThat(photos).hasSize(names.size());
        assertThat(photos).allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("READY");
            assertThat(p.get("thumbnails").toString()).isEqualTo("[256,1024]");
        });
        List<String> listed = new ArrayList<>();
        photos.forEach(p -> listed.add(p.get("fileName").asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(names);

        // the bytes and records where the adapters put them: under the verified sub, nowhere else
        DynamoPhotoRepository records = new DynamoPhotoRepository(clients.dynamo(), TABLE, DynamoTables.CURSOR_KEY,
                Clock.systemUTC());
        for (JsonNode p : photos) {
            String id = p.get("photoId").asText();
            Photo record = records.get(sub, id).orElseThrow();
            assertThat(record.status()).isEqualTo(PhotoStatus.READY);
            assertThat(record.album()).isEqualTo("trip");
        }
        assertThat(keys(Keys.ORIGINALS)).hasSize(names.size())
                .allSatisfy(k -> assertThat(k).startsWith(Keys.ORIGINALS + sub + "/"));
        assertThat(keys(Keys.THUMBNAILS)).hasSize(2 * names.size())
                .allSatisfy(k -> assertThat(k).startsWith(Keys.THUMBNAILS + sub + "/"));
        JsonNode multipart = byName(photos, big.getFileName().toString());
        String bigKey = Keys.original(sub, multipart.get("photoId").asText());
        assertThat(clients.s3().headObject(b -> b.bucket(BUCKET).key(bigKey)).eTag())
                .as("assembled from parts").matches("\"?[0-9a-f]{32}-2\"?");
        assertThat(clients.s3().headObject(b -> b.bucket(BUCKET).key(bigKey)).contentLength())
                .isEqualTo(Files.size(big));

        // moto, like S3 at least once, told the processor twice about the multipart file: nothing counted twice
        assertThat(records.stats().count(PhotoStatus.READY)).isEqualTo(names.size());
        assertThat(albumCount("trip")).isEqualTo(names.size());

        JsonNode tower = byName(photos, "02-tower-orientation6.jpg");
        Path downloads = Files.createDirectories(work.resolve("downloads"));
        cli("download", tower.get("photoId").asText(), "--thumbnail", "256", "-o", downloads.toString());
        BufferedImage thumb = ImageIO.read(downloads.resolve("02-tower-orientation6.thumb256.jpg").toFile());
        assertThat(thumb.getHeight()).as("portrait after EXIF orientation 6").isEqualTo(256);
        assertThat(thumb.getWidth()).isEqualTo(192);

        String towerId = tower.get("photoId").asText();
        assertThat(deletePhoto(towerId)).isEqualTo(204);
        assertThat(records.get(sub, towerId)).isEmpty();
        assertThat(keys(Keys.ORIGINALS + sub + "/" + towerId)).isEmpty();
        assertThat(keys(Keys.THUMBNAILS + sub + "/" + towerId + "/")).isEmpty();
        JsonNode after = Json.mapper().readTree(cli("list", "--album", "trip", "--output", "json").out())
                .get("photos");
        assertThat(after).hasSize(names.size() - 1);
        assertThat(after.toString()).doesNotContain(towerId);
        assertThat(albumCount("trip")).isEqualTo(names.size() - 1);
    }

    @Test
    void an_expired_access_token_is_refreshed_through_the_emulated_cognito() throws Exception {
        photo.runAndEnsureExitCodeOk("configure", "--api-url", api.endpoint().toString(), "--profile", "refresh");
        photo.runAndEnsureExitCodeOk("login", "--username", USERNAME, "--profile", "refresh");
        TokenCache cache = new TokenCache(configDir);
        CachedTokens fresh = cache.load("refresh").orElseThrow();
        cache.save("refresh", new CachedTokens(fresh.accessToken(), fresh.idToken(), fresh.refreshToken(),
                Instant.now().minusSeconds(60)));

        photo.runAndEnsureExitCodeOk("list", "--output", "json", "--profile", "refresh");

        CachedTokens refreshed = cache.load("refresh").orElseThrow();
        assertThat(refreshed.expiresAt()).isAfter(Instant.now());
        assertThat(refreshed.refreshToken()).isEqualTo(fresh.refreshToken());
    }

    @Test
    void the_api_refuses_a_request_without_a_token_from_the_pool() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.endpoint().resolve("/photos")).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                api.endpoint().resolve("/config")).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(config.body()).get("cognitoEndpoint").asText())
                .as("/config advertises the emulated Cognito").startsWith("http://127.0.0.1:");
    }

    @Test
    void a_token_the_pool_issued_to_another_app_client_is_refused() throws Exception {
        String otherClient = cognito.createUserPoolClient(b -> b.userPoolId(poolId).clientName("someone-else")
                .generateSecret(false).explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
                .userPoolClient().clientId();

        assertThat(listPhotosWith(accessToken(clientId))).isEqualTo(200);
        assertThat(listPhotosWith(accessToken(otherClient))).isEqualTo(401);
    }

    private static String accessToken(String appClient) {
        return cognito.initiateAuth(b -> b.clientId(appClient).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", USERNAME, "PASSWORD", PASSWORD))).authenticationResult()
                .accessToken();
    }

    private static int listPhotosWith(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.endpoint().resolve("/photos"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static PhotoCli.Result cli(String... args) {
        String[] withProfile = Stream.concat(Stream.of(args), Stream.of("--profile", PROFILE)).toArray(String[]::new);
        return photo.runAndEnsureExitCodeOk(withProfile);
    }

    /** {@code photo} has no delete command yet: the same DELETE it would send, with the token it cached. */
    private static int deletePhoto(String photoId) throws Exception {
        String token = new TokenCache(configDir).load(PROFILE).orElseThrow().accessToken();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.endpoint().resolve("/photos/" + photoId))
                .header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int albumCount(String album) throws IOException {
        for (JsonNode a : Json.mapper().readTree(cli("albums", "--output", "json").out()).path("albums")) {
            if (a.get("name").asText().equals(album)) {
                return a.get("count").asInt();
            }
        }
        throw new AssertionError("no album " + album);
    }

    private static List<String> keys(String prefix) {
        return clients.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    private static JsonNode byName(JsonNode photos, String fileName) {
        for (JsonNode p : photos) {
            if (p.get("fileName").asText().equals(fileName)) {
                return p;
            }
        }
        throw new AssertionError("no photo named " + fileName + " in " + photos);
    }

    /** Random pixels do not compress, so a modest image is larger than one part. */
    private static void writeNoisePng(Path file, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * S3 invoking the processor: each notification on the queue goes to the function as the event it carries, and
     * leaves the queue only once the function returned (a failure stays for redelivery, as Lambda retries).
     * S3's {@code s3:TestEvent} on configuring the notification never reaches a Lambda function, so it is dropped.
     */
    private static final class EventPump implements AutoCloseable {

        private final SqsClient sqs;
        private final String queueUrl;
        private final ProcessorFunction processor;
        private final AtomicInteger processed = new AtomicInteger();
        private final Thread thread;
        private volatile boolean running = true;

        private EventPump(SqsClient sqs, String queueUrl, ProcessorFunction processor) {
            this.sqs = sqs;
            this.queueUrl = queueUrl;
            this.processor = processor;
            this.thread = new Thread(this::run, "s3-event-pump");
            this.thread.setDaemon(true);
        }

        static EventPump start(SqsClient sqs, String queueUrl, ProcessorFunction processor) {
            EventPump pump = new EventPump(sqs, queueUrl, processor);
            pump.thread.start();
            return pump;
        }

        /** Object-created records handed to the processor so far. */
        int processed() {
            return processed.get();
        }

        private void run() {
            while (running) {
                List<Message> messages;
                try {
                    messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                            .waitTimeSeconds(1).visibilityTimeout(5)).messages();
                } catch (RuntimeException e) {
                    if (running) {
                        pause();
                    }
                    continue;
                }
                for (Message m : messages) {
                    deliver(m);
                }
            }
        }

        private void deliver(Message message) {
            try {
                JsonNode event = Json.mapper().readTree(message.body());
                if (event.has("Records")) {
                    // counted as handed over, before the call: the processor marks a photo READY inside it, so a
                    // client waiting for READY may look at this count before the call has returned
                    processed.addAndGet(event.get("Records").size());
                    processor.handleRequest(new ByteArrayInputStream(message.body().getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(), null);
                }
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            } catch (IOException | RuntimeException e) {
                // left on the queue: it comes back after the visibility timeout, as a retried invocation would
            }
        }

        private static void pause() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
