package dev.photo.backend.aws.moto;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * moto's server (the AWS emulation in this machine image's Python) on a free 127.0.0.1 port: S3, DynamoDB with
 * transactions, SQS and cognito-idp. Found as {@code moto_server} on PATH, else in pyenv's shims, else as
 * {@code python3 -m moto.server}. Starting fails loudly: a suite that needs AWS emulation never skips silently.
 */
public final class MotoServer implements AutoCloseable {

    /** moto accepts any credentials; the SDK only needs some. */
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** @throws IllegalStateException with what was tried and moto's own output, if it cannot be started */
    public static MotoServer start() {
        List<String> command = command().orElseThrow(() -> new IllegalStateException(
                "moto's server is needed for the AWS emulation tests and was not found: no moto_server on PATH,"
                        + " none in ~/.pyenv/shims, and no python3 with moto (pip install 'moto[server]')"));
        int port = freePort();
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitAnswer(String.join(" ", command));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto's server with " + command, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Lists every command tried, first match wins. */
    static Optional<List<String>> command() {
        Optional<Path> onPath = onPath("moto_server");
        if (onPath.isPresent()) {
            return Optional.of(new ArrayList<>(List.of(onPath.get().toString())));
        }
        Path shim = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "moto_server");
        if (Files.isExecutable(shim)) {
            return Optional.of(new ArrayList<>(List.of(shim.toString())));
        }
        Optional<Path> python = onPath("python3")
                .or(() -> Optional.of(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "python3"))
                        .filter(Files::isExecutable));
        if (python.isPresent() && hasMoto(python.get())) {
            return Optional.of(new ArrayList<>(List.of(python.get().toString(), "-m", "moto.server")));
        }
        return Optional.empty();
    }

    private static boolean hasMoto(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import moto.server")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void awaitAnswer(String command) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto's server (" + command + ") exited with "
                        + process.exitValue() + ": " + output());
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto's server (" + command + ") did not answer on " + endpoint + " within "
                + START_TIMEOUT.toSeconds() + " s: " + output());
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            c.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String output() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file; the OS cleans up
        }
    }
}
