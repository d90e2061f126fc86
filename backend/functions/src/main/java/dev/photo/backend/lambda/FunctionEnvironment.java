package dev.photo.backend.lambda;

import dev.photo.backend.aws.CognitoUserDirectory;
import dev.photo.backend.aws.DynamoReprocessJobs;
import dev.photo.backend.aws.LambdaReprocessQueue;
import dev.photo.backend.port.AdminPorts;
import dev.photo.backend.port.ReprocessJobs;
import dev.photo.backend.aws.AwsClients;
import dev.photo.backend.aws.DynamoPhotoRepository;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.SignedCursor;
import dev.photo.backend.port.PhotoRepository;

import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What both functions build once per container from the environment the template sets: {@link BackendConfig}
 * (as {@link BackendConfig#fromEnvironment} reads it), the SDK clients, the S3 store and the DynamoDB repository.
 * {@code PHOTO_TABLE} names the table; {@code PHOTO_CURSOR_KEY} is the base64 of at least 32 random bytes.
 */
final class FunctionEnvironment {

    final BackendConfig config;
    final AwsClients clients;
    final S3ObjectStore objects;
    final PhotoRepository photos;
    final ReprocessJobs jobs;
    final Clock clock = Clock.systemUTC();

    private FunctionEnvironment(BackendConfig config, AwsClients clients, S3ObjectStore objects,
                                PhotoRepository photos, ReprocessJobs jobs) {
        this.config = config;
        this.clients = clients;
        this.objects = objects;
        this.photos = photos;
        this.jobs = jobs;
    }

    /**
     * The API's admin ports: Cognito's admin API on the pool, the jobs in the table, and asynchronous invocations of
     * the processor named by {@code PHOTO_PROCESSOR_FUNCTION}.
     *
     * @throws IllegalStateException if {@code PHOTO_PROCESSOR_FUNCTION} is missing
     */
    AdminPorts adminPorts(Map<String, String> env) {
        String processor = required(env, "PHOTO_PROCESSOR_FUNCTION");
        return new AdminPorts(new CognitoUserDirectory(clients.cognito(), config.userPoolId()), jobs,
                new LambdaReprocessQueue(clients.lambda(), processor));
    }

    /**
     * @param needsIdentity whether the function publishes the user pool (the API); the processor runs without it
     * @throws IllegalStateException naming a variable that is missing or malformed: the init fails, visibly
     */
    static FunctionEnvironment of(Map<String, String> environment, boolean needsIdentity) {
        Map<String, String> env = new HashMap<>(environment);
        String endpoint = env.get("PHOTO_AWS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            // the emulation serves Cognito on the same endpoint, so that is where clients log in
            env.putIfAbsent("PHOTO_COGNITO_ENDPOINT", endpoint);
        }
        if (!needsIdentity) {
            env.putIfAbsent("PHOTO_USER_POOL_ID", "-");
            env.putIfAbsent("PHOTO_CLIENT_ID", "-");
        }
        BackendConfig config = BackendConfig.fromEnvironment(env);
        String table = required(env, "PHOTO_TABLE");
        byte[] cursorKey = cursorKey(required(env, "PHOTO_CURSOR_KEY"));
        AwsClients clients = AwsClients.fromEnvironment(env);
        Clock clock = Clock.systemUTC();
        S3ObjectStore objects = new S3ObjectStore(clients.s3(), clients.presigner(), config.bucket());
        PhotoRepository photos = new DynamoPhotoRepository(clients.dynamo(), table, cursorKey, clock);
        return new FunctionEnvironment(config, clients, objects, photos, new DynamoReprocessJobs(clients.dynamo(),
                table));
    }

    private static byte[] cursorKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable PHOTO_CURSOR_KEY is not base64");
        }
        if (key.length < SignedCursor.MIN_KEY_BYTES) {
            throw new IllegalStateException("environment variable PHOTO_CURSOR_KEY must hold at least "
                    + SignedCursor.MIN_KEY_BYTES + " bytes, not " + key.length);
        }
        return key;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
    }
}
