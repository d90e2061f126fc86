package dev.photo.local.support;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * An HTTP server bound to 127.0.0.1 only (Jetty), hardened against clients that hold connections open: the request
 * line and headers are parsed without holding a thread, a handler sees them first and may answer before any body
 * byte is read (a token check belongs there), the body is then read asynchronously (no thread waits for a client
 * that stops sending), bounded in size and in time, connections idle for too long are closed, and the number of
 * open connections is capped. The JDK's own server parses headers and bodies on its pool threads with no
 * timeout, so a few stalled clients stopped it answering anyone.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopbackHttpServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(2);

    /**
     * The bounds of one server.
     *
     * @param maxBodyBytes   a longer body is answered 413 (a declared Content-Length before any byte is read)
     * @param bodyTimeout    the whole body must arrive within this time of the headers, else 408
     * @param idleTimeout    a connection with no traffic for this long is closed (also while a response waits)
     * @param maxConnections open connections beyond this wait in the listen backlog
     */
    public record Limits(int maxBodyBytes, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

        /** Generous for a laptop's own clients, tight enough that stalled clients are gone within seconds. */
        public static Limits standard(int maxBodyBytes) {
            return new Limits(maxBodyBytes, Duration.ofSeconds(10), Duration.ofSeconds(30), 512);
        }
    }

    /** A request's line and headers; header names compare case-insensitively. */
    public record Head(String method, String rawPath, String rawQuery, String protocol, String remoteAddress,
                       Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status, headers (case-insensitive names, several values each) and body bytes. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {

        public static Reply of(int status, String contentType, byte[] body) {
            Map<String, List<String>> headers = newHeaders();
            headers.put("Content-Type", List.of(contentType));
            return new Reply(status, headers, body);
        }

        /** An empty header map of the kind a reply holds. */
        public static Map<String, List<String>> newHeaders() {
            return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        }
    }

    /** What to do with a request once its head is in: answer now, or read the body and then answer. */
    public record Step(Reply answer, Function<byte[], Reply> afterBody) {

        public static Step answer(Reply reply) {
            return new Step(reply, null);
        }

        public static Step readBody(Function<byte[], Reply> afterBody) {
            return new Step(null, afterBody);
        }
    }

    /** The application behind the server. */
    @FunctionalInterface
    public interface Handler {

        /**
         * Called on the request's head, before any body byte is read; must not block on the client. Runtime
         * exceptions here or in {@code afterBody} are answered 500.
         */
        Step start(Head head);
    }

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledThreadPoolExecutor timer;
    private final InFlight inFlight = new InFlight();
    private final Handler handler;
    private final Limits limits;

    private LoopbackHttpServer(String name, int port, int threads, Handler handler, Limits limits) {
        this.handler = handler;
        this.limits = limits;
        // one acceptor and one selector thread besides the request threads
        QueuedThreadPool pool = new QueuedThreadPool(threads + 2, 2);
        pool.setName(name);
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        this.server = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(true);
        // see the head at once, so that a request without a valid token, or promising too long a body, is
        // answered without waiting for its first body byte
        config.setDelayDispatchUntilContent(false);
        // API Gateway hands odd paths (encoded slashes, dot segments) to the function; so does this server
        config.setUriCompliance(UriCompliance.LEGACY);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(limits.maxConnections(), server));
        server.setHandler(new Adapter());
        server.setStopTimeout(0);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts serving with {@code handler}; at most {@code threads} requests run the handler at once. */
    public static LoopbackHttpServer start(String name, int port, int threads, Handler handler, Limits limits) {
        LoopbackHttpServer s = new LoopbackHttpServer(name, port, threads, handler, limits);
        try {
            s.server.start();
            return s;
        } catch (Exception e) {
            s.timer.shutdownNow();
            try {
                s.server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Lets requests in flight finish (for up to two seconds), then stops listening. */
    @Override
    public void close() {
        try {
            inFlight.awaitNone(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the server failed", e);
        } finally {
            timer.shutdownNow();
        }
    }

    /** A body left unread ends the connection: the next request could not be told from the rest of it. */
    private static Reply closing(Reply reply) {
        reply.headers().put("Connection", List.of("close"));
        return reply;
    }

    private static Reply message(int status, String message) {
        return Reply.of(status, "application/json",
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private final class Adapter extends AbstractHandler {

        @Override
        public void handle(String target, Request baseRequest, HttpServletRequest request,
                           HttpServletResponse response) throws IOException {
            baseRequest.setHandled(true);
            inFlight.begin();
            boolean async = false;
            try {
                Head head = head(request);
                Step step = handler.start(head);
                long declared = request.getContentLengthLong();
                boolean hasBody = declared > 0 || request.getHeader("Transfer-Encoding") != null;
                if (step.answer() != null) {
                    write(head, response, hasBody ? closing(step.answer()) : step.answer());
                    return;
                }
                if (declared > limits.maxBodyBytes()) {
                    write(head, response, closing(message(413, "Request Entity Too Large")));
                    return;
                }
                if (!hasBody) {
                    write(head, response, run(step, new byte[0]));
                    return;
                }
                AsyncContext context = request.startAsync();
                context.setTimeout(0);
                async = true;
                new BodyReader(head, step, request.getInputStream(), response, context).start();
            } catch (RuntimeException e) {
                log.error("request failed", e);
                if (!response.isCommitted()) {
                    response.reset();
                    response.setStatus(500);
                }
            } finally {
                if (!async) {
                    inFlight.end();
                }
            }
        }
    }

    private Reply run(Step step, byte[] body) {
        try {
            Reply reply = step.afterBody().apply(body);
            return reply == null ? message(500, "Internal Server Error") : reply;
        } catch (RuntimeException e) {
            log.error("request failed", e);
            return message(500, "Internal Server Error");
        }
    }

    /** Reads the body as it arrives, holding no thread while the client is silent. */
    private final class BodyReader implements ReadListener {

        private final Head head;
        private final Step step;
        private final ServletInputStream in;
        private final HttpServletResponse response;
        private final AsyncContext context;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[16 * 1024];
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        BodyReader(Head head, Step step, ServletInputStream in, HttpServletResponse response, AsyncContext context) {
            this.head = head;
            this.step = step;
            this.in = in;
            this.response = response;
            this.context = context;
        }

        void start() {
            deadline = timer.schedule(this::timedOut, limits.bodyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            in.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                body.write(chunk, 0, n);
                if (body.size() > limits.maxBodyBytes()) {
                    finish(message(413, "Request Entity Too Large"));
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (claim()) {
                complete(run(step, body.toByteArray()));
            }
        }

        @Override
        public void onError(Throwable t) {
            // the client went away or Jetty's idle timeout struck: nothing to answer
            if (claim()) {
                log.debug("request body not read: {}", t.toString());
                endExchange();
            }
        }

        private void timedOut() {
            finish(message(408, "Request Timeout"));
        }

        private void finish(Reply reply) {
            if (claim()) {
                complete(closing(reply));
            }
        }

        private boolean claim() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            return true;
        }

        private void complete(Reply reply) {
            try {
                write(head, response, reply);
            } catch (IOException | RuntimeException e) {
                log.warn("response not written", e);
            } finally {
                endExchange();
            }
        }

        private void endExchange() {
            try {
                context.complete();
            } catch (RuntimeException e) {
                log.debug("exchange already over: {}", e.toString());
            } finally {
                inFlight.end();
            }
        }
    }

    private static Head head(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(name)));
        }
        return new Head(request.getMethod(), request.getRequestURI(), request.getQueryString(), request.getProtocol(),
                request.getRemoteAddr(), Collections.unmodifiableMap(headers));
    }

    private static void write(Head head, HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        boolean noBody = body.length == 0 || reply.status() == 204 || reply.status() == 304
                || "HEAD".equals(head.method());
        if (noBody) {
            response.setContentLength(0);
            return;
        }
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }
}
