package dev.photo.backend.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The AWS SDK clients of one Lambda container, built from its environment, each on first use and then kept: the
 * processor never pays for the presigner, nor the API for anything twice.
 *
 * <p>Environment: {@code PHOTO_REGION} (else {@code AWS_REGION}); {@code PHOTO_AWS_ENDPOINT}, only for the emulation
 * tests (one endpoint for S3, DynamoDB and Cognito, path-style S3, credentials from {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} of the same environment). Without it, the SDK's default credential chain (Lambda's
 * role, also after a SnapStart restore) and the regional endpoints.
 *
 * <p>All clients share one URL-connection HTTP client: the JDK's own, so no Apache or Netty in the jar and less to
 * load at cold start than either.
 */
public final class AwsClients implements AutoCloseable {

    private final Region region;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final Lazy<SdkHttpClient> http = new Lazy<>(UrlConnectionHttpClient::create);
    private final Lazy<S3Client> s3 = new Lazy<>(this::buildS3);
    private final Lazy<S3Presigner> presigner = new Lazy<>(this::buildPresigner);
    private final Lazy<DynamoDbClient> dynamo = new Lazy<>(this::buildDynamo);
    private final Lazy<LambdaClient> lambda = new Lazy<>(this::buildLambda);
    private final Lazy<CognitoIdentityProviderClient> cognito = new Lazy<>(this::buildCognito);

    private AwsClients(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** @throws IllegalStateException naming the variable that is missing or wrong */
    public static AwsClients fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault("PHOTO_REGION", env.get("AWS_REGION"));
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("environment variable PHOTO_REGION (or AWS_REGION) is required");
        }
        String endpoint = env.get("PHOTO_AWS_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return new AwsClients(Region.of(region), null, DefaultCredentialsProvider.builder().build());
        }
        return new AwsClients(Region.of(region), URI.create(endpoint), StaticCredentialsProvider.create(
                credentials(env)));
    }

    private static software.amazon.awssdk.auth.credentials.AwsCredentials credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            throw new IllegalStateException("PHOTO_AWS_ENDPOINT is set: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + " are required too");
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return token == null ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token);
    }

    public Region region() {
        return region;
    }

    /** The endpoint override for emulation, or null on AWS. */
    public URI endpoint() {
        return endpoint;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The shared HTTP client, for further SDK clients built elsewhere (Cognito). */
    public SdkHttpClient httpClient() {
        return http.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public S3Presigner presigner() {
        return presigner.get();
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    /** For the API's reprocess queue: asynchronous invocations of the processor. */
    public LambdaClient lambda() {
        return lambda.get();
    }

    /** For the API's admin user routes. */
    public CognitoIdentityProviderClient cognito() {
        return cognito.get();
    }

    private LambdaClient buildLambda() {
        var builder = LambdaClient.builder().region(region).credentialsProvider(credentials).httpClient(http.get());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private CognitoIdentityProviderClient buildCognito() {
        var builder = CognitoIdentityProviderClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http.get());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private S3Client buildS3() {
        var builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http.get());
        if (endpoint != null) {
            // S3-compatible emulators differ in which flexible-checksum headers they understand
            builder.endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private S3Presigner buildPresigner() {
        var builder = S3Presigner.builder().region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    private DynamoDbClient buildDynamo() {
        var builder = DynamoDbClient.builder().region(region).credentialsProvider(credentials).httpClient(http.get());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    @Override
    public void close() {
        s3.closeIfMade();
        presigner.closeIfMade();
        dynamo.closeIfMade();
        lambda.closeIfMade();
        cognito.closeIfMade();
        http.closeIfMade();
    }

    /** Made on first {@link #get}, once. */
    private static final class Lazy<T extends AutoCloseable> {

        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized void closeIfMade() {
            if (value != null) {
                try {
                    value.close();
                } catch (Exception e) {
                    // closing at shutdown: nothing left to do about it
                }
                value = null;
            }
        }
    }
}
