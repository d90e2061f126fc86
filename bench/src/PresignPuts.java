import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a curl config (for {@code curl --parallel -K FILE}) that PUTs every regular file under a folder, or one
 * file, to a presigned URL under a key prefix: the loopback ceiling of the upload benchmark. Presigning happens here,
 * before the clock starts; only the transfers are timed. The URLs sign nothing but the host, so curl needs no
 * headers of its own.
 *
 * <p>Usage: {@code java -cp 'cli/target/lib/*' bench/src/PresignPuts.java ENDPOINT BUCKET PREFIX PATH OUT}, with the
 * key pair in {@code BENCH_S3_ACCESS_KEY} and {@code BENCH_S3_SECRET_KEY} (kept off the command line).
 */
final class PresignPuts {

    private static final Duration TTL = Duration.ofHours(1);

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: PresignPuts ENDPOINT BUCKET PREFIX PATH OUT");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        String bucket = args[1];
        String prefix = args[2];
        Path root = Path.of(args[3]);
        Path out = Path.of(args[4]);
        List<Path> files = files(root);
        try (S3Presigner presigner = presigner(endpoint);
             PrintWriter config = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (Path file : files) {
                String name = Files.isDirectory(root) ? root.relativize(file).toString() : file.getFileName().toString();
                PresignedPutObjectRequest put = presigner.presignPutObject(p -> p.signatureDuration(TTL)
                        .putObjectRequest(o -> o.bucket(bucket).key(prefix + name)));
                if (!put.signedHeaders().keySet().equals(java.util.Set.of("host"))) {
                    throw new IllegalStateException("unexpected signed headers " + put.signedHeaders().keySet());
                }
                config.println("url = \"" + put.url() + "\"");
                config.println("upload-file = \"" + file.toAbsolutePath() + "\"");
                config.println("output = \"/dev/null\"");
            }
        }
        System.err.println("presigned " + files.size() + " PUTs into " + out);
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static S3Presigner presigner(URI endpoint) {
        String accessKey = System.getenv("BENCH_S3_ACCESS_KEY");
        String secretKey = System.getenv("BENCH_S3_SECRET_KEY");
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException("set BENCH_S3_ACCESS_KEY and BENCH_S3_SECRET_KEY");
        }
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
