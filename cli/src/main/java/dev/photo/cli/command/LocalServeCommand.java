package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.ExitCodes;
import dev.photo.local.LocalEndpoints;
import dev.photo.local.LocalStack;
import dev.photo.local.LocalStackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code photo local serve}: the local stack as a long-lived server that other photo commands use. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local stack on fixed ports until Ctrl-C.",
                "While it runs, commands on the local profile use it instead of starting their own."})
public final class LocalServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-port", defaultValue = "" + LocalStackOptions.DEFAULT_API_PORT, paramLabel = "PORT",
            description = "Port of the API (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--cognito-port", defaultValue = "" + LocalStackOptions.DEFAULT_COGNITO_PORT, paramLabel = "PORT",
            description = "Port of the login endpoint (default: ${DEFAULT-VALUE}).")
    int cognitoPort;

    @Option(names = "--s3-port", defaultValue = "" + LocalStackOptions.DEFAULT_S3_PORT, paramLabel = "PORT",
            description = "Port of the S3-compatible server (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--hold-processing",
            description = {"Keep upload events without making thumbnails, so that benchmarks time transfers alone.",
                    "Photos uploaded to this server stay PENDING."})
    boolean holdProcessing;

    public LocalServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dataDir = Commands.resolvedDataDir(context, spec);
        LocalStack stack = LocalStack.start(new LocalStackOptions(dataDir, apiPort, cognitoPort, s3Port, true,
                holdProcessing));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "photo-local-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        print(stack.endpoints(), dataDir);
        try {
            stopped.await();
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stack.close();
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }

    private void print(LocalEndpoints endpoints, Path dataDir) {
        PrintWriter out = spec.commandLine().getOut();
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
