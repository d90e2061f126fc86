package dev.photo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.backend.core.Keys;
import dev.photo.local.LocalEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third-party S3 tool on the local bucket: the real AWS CLI's {@code aws s3 sync} of the whole bucket, after an
 * upload, exits 0 and brings exactly the objects the photos own (each original with its SHA-256, and its two
 * thumbnails), with no directory entries posing as objects (they once made sync fail with "Not a directory").
 */
class AwsCliSyncTest extends LocalStackCliTestBase {

    @Test
    void aws_s3_sync_of_the_local_bucket_brings_exactly_the_objects_the_photos_own(@TempDir Path work)
            throws Exception {
        photo.runAndEnsureExitCodeOk("upload", LocalStackCli.samples().toString(), "--album", "sync", "--wait",
                "--quiet");
        JsonNode photos = Json.mapper().readTree(photo.runAndEnsureExitCodeOk("list", "--album", "sync",
                "--output", "json").out()).path("photos");
        assertThat(photos.size()).isGreaterThanOrEqualTo(8);
        String sub = local.stack().users().find("admin").orElseThrow().sub();
        Set<String> expected = new TreeSet<>();
        for (JsonNode p : photos) {
            assertThat(p.path("status").asText()).as(p.path("fileName").asText()).isEqualTo("READY");
            String id = p.path("photoId").asText();
            expected.add(Keys.original(sub, id));
            expected.add(Keys.thumbnail(sub, id, 256));
            expected.add(Keys.thumbnail(sub, id, 1024));
        }

        Path into = Files.createDirectories(work.resolve("bucket"));
        Path log = work.resolve("aws.log");
        Process sync = aws(work, "s3", "sync", "s3://" + local.stack().endpoints().bucket(), into.toString(),
                "--no-progress").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(sync.waitFor(120, TimeUnit.SECONDS)).as("aws s3 sync ends").isTrue();
        assertThat(sync.exitValue()).as("aws s3 sync: %s", Files.readString(log)).isZero();

        Set<String> synced = new TreeSet<>();
        try (Stream<Path> files = Files.walk(into)) {
            files.filter(Files::isRegularFile).forEach(f -> synced.add(into.relativize(f).toString()));
        }
        assertThat(synced).isEqualTo(expected);
        for (JsonNode p : photos) {
            Path original = into.resolve(Keys.original(sub, p.path("photoId").asText()));
            assertThat(sha256(original)).as(p.path("fileName").asText()).isEqualTo(p.path("sha256").asText());
        }
    }

    /**
     * The AWS CLI with the local stack's key pair and endpoint, its config in {@code work} (path-style addressing,
     * as for any S3-compatible server on 127.0.0.1) and nothing read from the user's own AWS files.
     */
    private ProcessBuilder aws(Path work, String... args) throws Exception {
        LocalEndpoints e = local.stack().endpoints();
        Path config = work.resolve("aws-config");
        Files.writeString(config, "[default]\nregion = " + e.region() + "\ns3 =\n    addressing_style = path\n");
        List<String> command = new ArrayList<>(List.of(awsCli(), "--endpoint-url", e.s3().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().put("AWS_CONFIG_FILE", config.toString());
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("aws-credentials").toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", e.s3AccessKey());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", e.s3SecretKey());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        return builder;
    }

    /** {@code aws} on the PATH, else pyenv's shim (where this image keeps its Python tools, as .ci/run says). */
    private static String awsCli() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "aws"))) {
                return Path.of(dir, "aws").toString();
            }
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws");
        if (Files.isExecutable(shim)) {
            return shim.toString();
        }
        throw new AssertionError("the AWS CLI (aws) is needed by this test and was not found on the PATH or in "
                + "~/.pyenv/shims; .ci/run checks for it");
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
