package dev.photo.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The command's HTTP/1.1 client, shared by the API client and the transfers, on {@link HttpURLConnection} and its
 * keep-alive pool. Not {@code java.net.http.HttpClient}: that one costs a command about half a second (measured in
 * docs/benchmarks.md: its start and its lingering selector thread at exit), which a CLI run pays every time,
 * and it moved bytes more slowly on loopback.
 *
 * <p>Redirects are never followed (a bearer token must not travel with them), bodies stream in both directions, and
 * every exchange has a deadline: a watchdog drops the connection if the request and the answer's head are not done
 * by then, since a blocked socket write has no timeout of its own.
 */
public final class Http {

    /** Bytes read from a file and written to the socket at a time. */
    static final int CHUNK = 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** An answer body larger than this is not an API answer. */
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();
    /** The transfer threads' chunk buffers: a thread sends one body at a time. */
    private static final ThreadLocal<byte[]> CHUNKS = ThreadLocal.withInitial(() -> new byte[CHUNK]);

    static {
        configureJdk();
    }

    private final String userAgent;

    public Http(String userAgent) {
        this.userAgent = userAgent;
    }

    /**
     * Settings of the JDK's HTTP stack that must be made before its first connection: a keep-alive pool as large
     * as the most transfers that run at once (the JDK keeps 5 idle connections per host), and no POST silently
     * sent twice (the callers decide what is safe to repeat). Called by {@code Main} first thing, and here.
     */
    public static void configureJdk() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** An answer: status, headers (names in any case), and the body unless it went to a file. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
        }
    }

    /** Sends {@code body} (or nothing, when {@code null}) and reads the whole answer. */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        return exchange(method, uri, headers, body == null ? null : new Body(body.length, out -> out.write(body)),
                timeout, Http::whole);
    }

    /**
     * Streams {@code slice} of a file as the request body, with exactly its length declared, telling
     * {@code sent} of every chunk written. A file that has become shorter fails with an {@link EOFException}
     * whose message says it changed.
     */
    public Response upload(String method, URI uri, Map<String, String> headers, FileSlice slice, LongConsumer sent,
                           Duration timeout) throws IOException {
        try (FileChannel file = FileChannel.open(slice.file(), StandardOpenOption.READ)) {
            return exchange(method, uri, headers, new Body(slice.length(), out -> copy(file, slice, out, sent)),
                    timeout, Http::whole);
        }
    }

    /**
     * GETs {@code uri} with {@code headers} (a {@code Range}, say) and hands a 2xx answer's head and body stream to
     * {@code reader}, which decides where the bytes go; the response returned then has no body. Any other answer is
     * read whole and returned, and {@code reader} is not called.
     */
    public Response get(URI uri, Map<String, String> headers, Duration timeout, BodyReader reader)
            throws IOException {
        return exchange("GET", uri, headers, null, timeout, (c, status) -> {
            if (status / 100 != 2) {
                return whole(c, status);
            }
            Response head = new Response(status, headers(c), new byte[0]);
            try (InputStream in = c.getInputStream()) {
                reader.read(head, in);
            }
            return head;
        });
    }

    /** Takes the body of a 2xx answer to {@link #get}. */
    @FunctionalInterface
    public interface BodyReader {
        void read(Response head, InputStream body) throws IOException;
    }

    /** A request body of a known length, written when the connection asks for it. */
    private record Body(long length, Writer writer) {
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    @FunctionalInterface
    private interface Answer {
        Response read(HttpURLConnection c, int status) throws IOException;
    }

    /**
     * One request under the watchdog: the body (if any) and the answer's head must be done by {@code timeout};
     * reading the answer's body is then bounded by the read timeout per read.
     */
    private Response exchange(String method, URI uri, Map<String, String> headers, Body body, Duration timeout,
                              Answer answer) throws IOException {
        HttpURLConnection c = open(method, uri, headers, timeout);
        Alarm alarm = Alarm.set(c, timeout);
        try {
            if (body != null) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length());
                try (OutputStream out = c.getOutputStream()) {
                    body.writer().write(out);
                }
            }
            int status = c.getResponseCode();
            alarm.cancel();
            return answer.read(c, status);
        } catch (IOException e) {
            throw alarm.explain(e);
        } finally {
            alarm.cancel();
        }
    }

    private static Response whole(HttpURLConnection c, int status) throws IOException {
        return new Response(status, headers(c), readBody(c, status));
    }

    private HttpURLConnection open(String method, URI uri, Map<String, String> headers, Duration timeout)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        c.setConnectTimeout((int) Math.min(CONNECT_TIMEOUT.toMillis(), timeout.toMillis()));
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        c.setRequestProperty("User-Agent", userAgent);
        headers.forEach(c::setRequestProperty);
        return c;
    }

    /**
     * Writes the slice in chunks of at most {@link #CHUNK} bytes, copied from the file's mapped windows
     * ({@link FileWindows}); one chunk buffer per thread, reused, since every upload would otherwise allocate one.
     */
    private static void copy(FileChannel file, FileSlice slice, OutputStream out, LongConsumer sent)
            throws IOException {
        byte[] chunk = CHUNKS.get();
        try {
            FileWindows.read(file, slice.offset(), slice.length(), window -> {
                while (window.hasRemaining()) {
                    int n = Math.min(chunk.length, window.remaining());
                    window.get(chunk, 0, n);
                    out.write(chunk, 0, n);
                    sent.accept(n);
                }
            });
        } catch (FileWindows.ChangedException e) {
            EOFException shorter = new EOFException("the file is shorter than when it was hashed: it changed");
            shorter.initCause(e);
            throw shorter;
        }
    }

    /** Reads the whole body (the error stream for 4xx/5xx), so that the connection goes back to the pool. */
    private static byte[] readBody(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("the answer is larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private static Map<String, List<String>> headers(HttpURLConnection c) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, values);
            }
        });
        return Collections.unmodifiableMap(headers);
    }

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "photo-http-watchdog");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Drops the connection at the deadline, so that a stalled write or a silent server cannot hang a worker. */
    private static final class Alarm {

        private final AtomicBoolean rang = new AtomicBoolean();
        private final Duration timeout;
        private ScheduledFuture<?> future;

        private Alarm(Duration timeout) {
            this.timeout = timeout;
        }

        static Alarm set(HttpURLConnection c, Duration timeout) {
            Alarm alarm = new Alarm(timeout);
            alarm.future = WATCHDOG.schedule(() -> {
                alarm.rang.set(true);
                c.disconnect();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            return alarm;
        }

        void cancel() {
            future.cancel(false);
        }

        /** The failure as a timeout when the alarm caused it. */
        IOException explain(IOException e) {
            if (rang.get() && !(e instanceof SocketTimeoutException)) {
                SocketTimeoutException timedOut = new SocketTimeoutException("no answer within " + timeout);
                timedOut.initCause(e);
                return timedOut;
            }
            return e;
        }
    }
}
