package dev.photo.local.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server bound to 127.0.0.1 only, on a bounded pool, that stops as soon as its requests in flight
 * are done (the JDK 17 server's own {@code stop(delay)} always waits out the whole delay).
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final InFlight inFlight = new InFlight();

    private LoopbackHttpServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving every path with {@code handler}. At most {@code threads} requests run at once, with a short
     * queue; beyond that the accepting thread runs the request itself and so stops accepting: back-pressure
     * rather than unbounded memory.
     */
    public static LoopbackHttpServer start(String name, int port, int threads, HttpHandler handler) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setExecutor(executor);
            LoopbackHttpServer s = new LoopbackHttpServer(server, executor);
            server.createContext("/", s.counting(handler));
            server.start();
            return s;
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Lets requests in flight finish (for up to two seconds), then stops listening and stops the pool. */
    @Override
    public void close() {
        try {
            inFlight.awaitNone(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private HttpHandler counting(HttpHandler handler) {
        return (HttpExchange exchange) -> {
            inFlight.begin();
            try {
                handler.handle(exchange);
            } finally {
                inFlight.end();
            }
        };
    }
}
