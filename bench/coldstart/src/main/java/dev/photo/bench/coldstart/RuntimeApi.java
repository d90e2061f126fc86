package dev.photo.bench.coldstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The part of the Lambda Runtime API a runtime interface client needs for one invocation, on 127.0.0.1: the first
 * {@code GET /invocation/next} returns the event with Lambda's headers, later ones wait until the server closes (as
 * a frozen sandbox would), and the first {@code /response} or {@code /error} is the answer.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the function sent back, and when it arrived ({@link System#nanoTime()}). */
    record Answer(boolean error, String body, long arrivedNanos) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String event;
    private final String functionArn;
    private final String requestId = UUID.randomUUID().toString();
    private final AtomicBoolean delivered = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    RuntimeApi(String event, String functionArn) throws IOException {
        this.event = event;
        this.functionArn = functionArn;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    Answer await(Duration timeout) throws Exception {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the function within " + timeout);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        String method = exchange.getRequestMethod();
        try (exchange) {
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("invocation/" + requestId + "/response")) {
                answer.complete(new Answer(false, body(exchange), arrived));
                send(exchange, 202, "{}");
            } else if (method.equals("POST") && (path.equals("invocation/" + requestId + "/error")
                    || path.equals("init/error"))) {
                answer.complete(new Answer(true, body(exchange), arrived));
                send(exchange, 202, "{}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"no such route\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (!delivered.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 500, "{\"errorMessage\":\"runtime api closed\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        send(exchange, 200, event);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
