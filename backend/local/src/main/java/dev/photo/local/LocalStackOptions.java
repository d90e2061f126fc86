package dev.photo.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the embedded stack.
 *
 * @param dataDir     where everything lives: objects, metadata database, signing key, credentials
 * @param apiPort     port of the HTTP API on 127.0.0.1; 0 picks a free one
 * @param cognitoPort port of the Cognito-compatible endpoint; 0 picks a free one
 * @param s3Port      port of the S3-compatible server; 0 picks a free one
 * @param publish     whether to write {@code server.json} in the data directory so that other processes
 *                    (the CLI) find and use this running stack; only {@code photo local serve} sets it
 * @param holdProcessing whether to keep ObjectCreated events without running the processor, so that benchmarks
 *                    time transfers alone: uploaded photos stay PENDING for as long as this stack runs
 */
public record LocalStackOptions(Path dataDir, int apiPort, int cognitoPort, int s3Port, boolean publish,
                                boolean holdProcessing) {

    public static final int DEFAULT_API_PORT = 9320;
    public static final int DEFAULT_COGNITO_PORT = 9321;
    public static final int DEFAULT_S3_PORT = 9322;

    public LocalStackOptions {
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Processing runs as usual. */
    public LocalStackOptions(Path dataDir, int apiPort, int cognitoPort, int s3Port, boolean publish) {
        this(dataDir, apiPort, cognitoPort, s3Port, publish, false);
    }

    /** In-process use: free ports, not published. */
    public static LocalStackOptions ephemeral(Path dataDir) {
        return new LocalStackOptions(dataDir, 0, 0, 0, false);
    }
}
