package dev.photo.cli.backend.local;

import dev.photo.cli.ExitCodes;
import dev.photo.cli.ShutdownHooks;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code photo local serve}: the local stack on fixed ports, published for other commands, until Ctrl-C. */
public final class LocalServer {

    public static final int DEFAULT_API_PORT = LocalStackOptions.DEFAULT_API_PORT;
    public static final int DEFAULT_COGNITO_PORT = LocalStackOptions.DEFAULT_COGNITO_PORT;
    public static final int DEFAULT_S3_PORT = LocalStackOptions.DEFAULT_S3_PORT;

    /** The ports to listen on, and whether to hold ObjectCreated events instead of processing them. */
    public record Settings(int apiPort, int cognitoPort, int s3Port, boolean holdProcessing) {
    }

    private LocalServer() {
    }

    /** Starts the stack, prints its endpoints on {@code out}, and returns when the JVM shuts down or on interrupt. */
    public static int serve(Path dataDir, Settings settings, PrintWriter out) {
        LocalStack stack = LocalStack.start(new LocalStackOptions(dataDir, settings.apiPort(), settings.cognitoPort(),
                settings.s3Port(), true, settings.holdProcessing()));
        CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHooks.Registration shutdown = ShutdownHooks.onShutdown("stop the local server", () -> {
            stack.close();
            stopped.countDown();
        });
        print(out, stack.endpoints(), dataDir, settings.holdProcessing());
        try {
            stopped.await();
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            shutdown.close();
            stack.close();
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }

    private static void print(PrintWriter out, LocalEndpoints endpoints, Path dataDir, boolean holdProcessing) {
        out.println("photo local stack running; data in " + dataDir);
        out.println("  API:            " + endpoints.api());
        out.println("  Cognito:        " + endpoints.cognito());
        out.println("  S3 endpoint:    " + endpoints.s3());
        out.println("  bucket:         " + endpoints.bucket());
        out.println("  region:         " + endpoints.region());
        // the local stack's own key pair, shown so that the AWS CLI or rclone can reach the same bucket
        out.println("  S3 access key:  " + endpoints.s3AccessKey());
        out.println("  S3 secret key:  " + endpoints.s3SecretKey());
        if (holdProcessing) {
            out.println("  processing:     HELD (no thumbnails; uploaded photos stay PENDING)");
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
