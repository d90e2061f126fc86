package dev.photo.local.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server, bound to loopback only, on a bounded pool. */
public final class HttpServers {

    private HttpServers() {
    }

    /** A server on 127.0.0.1 ({@code port} 0 picks a free one), not yet started, with no contexts. */
    public static HttpServer loopback(int port, ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setExecutor(executor);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /**
     * At most {@code threads} requests at once and a short queue; beyond that the accepting thread runs the
     * request itself, which stops it accepting more: back-pressure rather than unbounded memory.
     */
    public static ExecutorService boundedPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4),
                factory, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Stops the server, letting requests in flight finish for up to a second, then stops its pool. */
    public static void stop(HttpServer server, ExecutorService executor) {
        server.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
