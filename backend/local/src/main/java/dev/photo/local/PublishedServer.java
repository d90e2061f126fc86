package dev.photo.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.files.SecureFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code server.json} (0600: it holds the S3 secret key): where the stack that {@code photo local serve} runs
 * for this data directory answers, and which process runs it.
 */
record PublishedServer(long pid, URI api, URI cognito, URI s3, String bucket, String region, String s3AccessKey,
                       String s3SecretKey) {

    static final String FILE = "server.json";
    private static final Set<String> FIELDS = Set.of("pid", "api", "cognito", "s3", "bucket", "region", "s3AccessKey",
            "s3SecretKey");

    static PublishedServer of(long pid, LocalEndpoints e) {
        return new PublishedServer(pid, e.api(), e.cognito(), e.s3(), e.bucket(), e.region(), e.s3AccessKey(),
                e.s3SecretKey());
    }

    LocalEndpoints endpoints() {
        return new LocalEndpoints(api, cognito, s3, bucket, region, s3AccessKey, s3SecretKey);
    }

    void write(Path dataDir) {
        try {
            SecureFiles.write(dataDir.resolve(FILE), JsonFiles.bytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE, e);
        }
    }

    /** Empty when there is no file or it cannot be read as one of ours. */
    static Optional<PublishedServer> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JsonFiles.object(Files.readAllBytes(file), FIELDS);
            return Optional.of(new PublishedServer(node.path("pid").asLong(), uri(node, "api"), uri(node, "cognito"),
                    uri(node, "s3"), JsonFiles.text(node, "bucket"), JsonFiles.text(node, "region"),
                    JsonFiles.text(node, "s3AccessKey"), JsonFiles.text(node, "s3SecretKey")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI uri(JsonNode node, String field) {
        String text = JsonFiles.text(node, field);
        return text == null ? null : URI.create(text);
    }

    /** Deletes the file if it is still this server's (a newer server may have replaced it). */
    void unpublish(Path dataDir) {
        if (read(dataDir).map(p -> p.pid() == pid && p.api().equals(api)).orElse(false)) {
            try {
                Files.deleteIfExists(dataDir.resolve(FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + FILE, e);
            }
        }
    }
}
