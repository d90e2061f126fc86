package dev.photo.cli.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A socket-level HTTP/1.1 proxy on 127.0.0.1 that meets each connection's first request with a fault its
 * {@link Plan} picks from the request's head: the connection reset (at once or half-way through the body), a 500,
 * 503 or S3 {@code SlowDown} answer, a delay, an answer held back past the client's timeout, an answer cut short.
 * Requests that pass are forwarded byte for byte, so the {@code Host} header (which a SigV4 signature covers) is the
 * proxy's own: a server that signs URLs for the proxy's address sees them valid.
 */
final class FaultProxy implements AutoCloseable {

    /** What the proxy does to a request. */
    enum Fault {
        /** Forwarded, the answer passed back whole. */
        PASS,
        /** Reset (RST) as soon as the head is in. */
        RESET,
        /** Half of the declared body read, then reset. */
        RESET_MID_BODY,
        /** The body drained, then 500. */
        STATUS_500,
        /** The body drained, then 503 with no S3 error code. */
        STATUS_503,
        /** The body drained, then 503 with S3's {@code SlowDown} error document. */
        SLOW_DOWN,
        /** Held 2 s, then forwarded. */
        SLOW,
        /** Forwarded whole (so the server acts on it), its answer never passed back: the client must time out. */
        STALL,
        /** Forwarded, only the first 40 bytes of the answer (inside its head) passed back, then closed. */
        TRUNCATE
    }

    /** The first line and headers of a request, as the client sent them. */
    record Head(String method, String target, Map<String, String> headers, byte[] raw) {

        long contentLength() {
            String value = headers.get("content-length");
            return value == null ? 0 : Long.parseLong(value.trim());
        }
    }

    /** Picks the fault of each request; called from the proxy's threads, one call per request. */
    @FunctionalInterface
    interface Plan {
        Fault pick(Head head);
    }

    private final ServerSocket server;
    private final Supplier<URI> target;
    private final Plan plan;
    private final boolean onePerConnection;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<Fault, AtomicInteger> met = new ConcurrentHashMap<>();

    private FaultProxy(ServerSocket server, Supplier<URI> target, Plan plan, boolean onePerConnection) {
        this.server = server;
        this.target = target;
        this.plan = plan;
        this.onePerConnection = onePerConnection;
    }

    /**
     * @param target           where requests that pass go; asked at each connection, so the server may start later
     * @param onePerConnection whether to add {@code Connection: close} to what is forwarded, so that every request
     *                         of a client that keeps connections alive comes on a new connection and meets the plan
     *                         (the header is not signed)
     */
    static FaultProxy start(Supplier<URI> target, Plan plan, boolean onePerConnection) throws IOException {
        FaultProxy proxy = new FaultProxy(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()), target, plan,
                onePerConnection);
        proxy.pool.submit(proxy::accept);
        return proxy;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** How many requests met each fault so far. */
    Map<Fault, Integer> met() {
        Map<Fault, Integer> counts = new java.util.EnumMap<>(Fault.class);
        met.forEach((fault, n) -> counts.put(fault, n.get()));
        return counts;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            pool.submit(() -> handle(client));
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(120_000);
            InputStream in = client.getInputStream();
            Head head = readHead(in);
            if (head == null) {
                return;
            }
            Fault fault = plan.pick(head);
            met.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
            switch (fault) {
                case RESET -> client.setSoLinger(true, 0); // close sends RST
                case RESET_MID_BODY -> {
                    skip(in, head.contentLength() / 2);
                    client.setSoLinger(true, 0);
                }
                case STATUS_500 -> answer(client, head, "500 Internal Server Error", "application/json", "{}");
                case STATUS_503 -> answer(client, head, "503 Service Unavailable", "application/json", "{}");
                case SLOW_DOWN -> answer(client, head, "503 Slow Down", "application/xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                                + "<Message>Please reduce your request rate.</Message></Error>");
                case PASS, SLOW, STALL, TRUNCATE -> {
                    if (fault == Fault.SLOW) {
                        Thread.sleep(2_000);
                    }
                    forward(client, head, fault);
                }
                default -> throw new IllegalStateException(fault.name());
            }
        } catch (IOException e) {
            // the client or the server closed: the connection ends, as a real network's would
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(Socket client, Head head, Fault fault) throws IOException {
        URI to = target.get();
        try (Socket upstream = new Socket(to.getHost(), to.getPort())) {
            OutputStream up = upstream.getOutputStream();
            up.write(onePerConnection ? withConnectionClose(head.raw()) : head.raw());
            up.flush();
            pool.submit(() -> pipe(client, upstream, Long.MAX_VALUE, true));
            if (fault == Fault.STALL) {
                // the server gets everything and answers; the client hears nothing until it gives up
                upstream.getInputStream().transferTo(OutputStream.nullOutputStream());
                awaitClosed(client);
                return;
            }
            pipe(upstream, client, fault == Fault.TRUNCATE ? 40 : Long.MAX_VALUE, true);
        }
    }

    /** Until the client's side gives up (the pipe from it then closes the socket). */
    private static void awaitClosed(Socket client) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        try {
            while (!client.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drains the declared body, so that the client reads the answer rather than a broken pipe, then answers. */
    private static void answer(Socket client, Head head, String status, String type, String body) throws IOException {
        skip(client.getInputStream(), head.contentLength());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().write(bytes);
        client.getOutputStream().flush();
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    /** Reads up to and including the blank line; null if the client closed first. */
    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            raw.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = raw.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] request = lines[0].split(" ");
        Map<String, String> headers = new ConcurrentHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(request[0], request.length > 1 ? request[1] : "", headers, raw.toByteArray());
    }

    /** The head with any {@code Connection} header replaced by {@code Connection: close}. */
    private static byte[] withConnectionClose(byte[] raw) {
        String head = new String(raw, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        for (String line : head.substring(0, head.length() - 4).split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(line).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void pipe(Socket from, Socket to, long limit, boolean closeBoth) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            long sent = 0;
            int n;
            while (sent < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent))) > 0) {
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            if (closeBoth) {
                try {
                    to.close();
                    from.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }
    }
}
