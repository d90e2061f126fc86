package dev.photo.cli.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/** Turns the JDK's network exceptions (often without a message) into something a person can act on. */
public final class NetworkErrors {

    private NetworkErrors() {
    }

    /** {@code host:port} of a URI, with the scheme's default port filled in. */
    public static String hostPort(URI uri) {
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost() + ":" + port;
    }

    public static String describe(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        if (e instanceof SocketTimeoutException || cause instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectException || cause instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException || cause instanceof UnknownHostException) {
            return "unknown host";
        }
        if (cause instanceof ClosedChannelException) {
            return "connection closed";
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
