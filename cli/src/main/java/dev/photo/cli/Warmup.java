package dev.photo.cli;

import java.io.IOException;
import java.net.URI;

/**
 * One-time work of the JDK and of Jackson that every command talking to the API meets on its first request, started
 * on a daemon thread while {@code main} builds the command model. A command that gets there before the thread is
 * done waits for the class initialisers in progress instead of running them again; nothing here connects anywhere.
 * Measured in a fresh JDK 25 JVM (docs/benchmarks.md): the first JSON parse initialises {@code BigDecimal}, whose
 * static initialiser squares powers of five with {@code BigInteger} (17-25 ms of interpreted CPU; 0-2 ms on JDK
 * 17), and the time zone and date format data behind the mapper's defaults; the first {@code http:} URL looks
 * through every jar of the class path for a URL handler provider, and {@code HttpURLConnection}'s static
 * initialiser looks through them again for a system logger.
 */
final class Warmup {

    private Warmup() {
    }

    /** Starts the work; call after {@code Http.configureJdk()}, whose properties the HTTP classes read once. */
    static void startInBackground() {
        Thread thread = new Thread(Warmup::run, "photo-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            Json.mapper().readTree("{\"warm\":[1.5,\"up\"]}");
            // an unconnected connection object: the handler lookup and HttpURLConnection's statics, no socket
            URI.create("http://127.0.0.1/").toURL().openConnection();
        } catch (IOException | RuntimeException e) {
            // nothing to report: the command then does this work itself when it needs it
        }
    }
}
