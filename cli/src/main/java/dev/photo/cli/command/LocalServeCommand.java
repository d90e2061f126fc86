package dev.photo.cli.command;

import dev.photo.cli.CliContext;
import dev.photo.cli.backend.local.LocalServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code photo local serve}: the local stack as a long-lived server that other photo commands use. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the local stack on fixed ports until Ctrl-C.",
                "While it runs, commands on the local profile use it instead of starting their own."})
public final class LocalServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--api-port", defaultValue = "" + LocalServer.DEFAULT_API_PORT, paramLabel = "PORT",
            description = "Port of the API (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(names = "--cognito-port", defaultValue = "" + LocalServer.DEFAULT_COGNITO_PORT, paramLabel = "PORT",
            description = "Port of the login endpoint (default: ${DEFAULT-VALUE}).")
    int cognitoPort;

    @Option(names = "--s3-port", defaultValue = "" + LocalServer.DEFAULT_S3_PORT, paramLabel = "PORT",
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
        return LocalServer.serve(Commands.resolvedDataDir(context, spec),
                new LocalServer.Settings(apiPort, cognitoPort, s3Port, holdProcessing), spec.commandLine().getOut());
    }
}
