package dev.photo.cli.client;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for every endpoint the client sends tokens, passwords or photos to, whoever named it (the user's
 * configuration, the API's {@code GET /config}, a presigned URL in an API answer): https, or plain http only to this
 * machine. Without it, a compromised or misconfigured API could send the login, or the photos, across the network
 * in clear text.
 */
public final class EndpointPolicy {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private EndpointPolicy() {
    }

    /** Why {@code uri} may not be used, or empty when it may. */
    public static Optional<String> violation(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("is not an http(s) URL with a host");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            return Optional.of("uses http to " + uri.getHost() + "; only https is allowed beyond this machine");
        }
        return Optional.empty();
    }

    /** {@code uri} itself, or a {@link CliException} naming {@code what} and the reason. */
    public static URI require(URI uri, String what) {
        Optional<String> violation = violation(uri);
        if (violation.isPresent()) {
            throw new CliException(ExitCodes.ERROR, what + " " + violation.get());
        }
        return uri;
    }

    /**
     * {@code localhost}, an IPv4 address in 127.0.0.0/8 or {@code ::1}; a host name that merely starts with
     * {@code 127.} is a name like any other and may resolve anywhere.
     */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        h = h.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        var m = IPV4.matcher(h);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return m.group(1).equals("127");
    }
}
