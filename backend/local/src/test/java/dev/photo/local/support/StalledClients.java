package dev.photo.local.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients that open connections to a loopback port, send a prefix of a request (headers that promise a body, or
 * half a header block) and then say nothing more: what a slow or hostile client does. Bounded in count, and every
 * read on them gives up after a set time, so a test cannot hang on them.
 */
public final class StalledClients implements AutoCloseable {

    private static final int MAX = 64;
    private final List<Socket> sockets = new ArrayList<>();

    private StalledClients() {
    }

    /** Opens {@code count} connections to 127.0.0.1:{@code port} and sends {@code prefix} on each. */
    public static StalledClients open(int port, int count, String prefix) throws IOException {
        if (count > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " stalled clients");
        }
        StalledClients clients = new StalledClients();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
                clients.sockets.add(s);
                s.getOutputStream().write(prefix.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            clients.close();
            throw e;
        }
        return clients;
    }

    /** Headers of a request that declares a body of {@code length} bytes and sends none of it. */
    public static String headersPromisingABody(String method, String path, int length, String authorization) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n";
    }

    /**
     * What the server sent on each connection before closing it, waiting at most {@code wait} overall; a
     * connection the server neither answered nor closed reads as {@code "open"}, one answered but not closed ends
     * with {@code "(still open)"}.
     */
    public List<String> answers(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> out = new ArrayList<>();
        for (Socket s : sockets) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            StringBuilder text = new StringBuilder();
            try {
                InputStream in = s.getInputStream();
                byte[] buffer = new byte[4096];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                out.add(text.toString());
            } catch (SocketTimeoutException e) {
                out.add(text.isEmpty() ? "open" : text + "(still open)");
            } catch (IOException e) {
                // reset by the server: closed, with whatever came before
                out.add(text.toString());
            }
        }
        return out;
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing a socket the server already dropped
            }
        }
        sockets.clear();
    }
}
