package dev.photo.local.s3;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Checks a PUT's body (object or part) against its {@code x-amz-checksum-sha256} header as S3 does, in front of
 * S3Proxy, which ignores the header: a body that does not match is refused with 400 {@code BadDigest} and nothing is
 * stored. The digest is taken as the body streams through; at its end a mismatch fails the read, so the store
 * (which writes to a temporary file and renames it only on success) keeps nothing and emits no event. Streaming
 * (aws-chunked) bodies carry chunk signatures in the stream and are passed through as S3Proxy handles them.
 */
final class ChecksumVerifyingHandler extends HandlerWrapper {

    static final String HEADER = "x-amz-checksum-sha256";
    private static final Logger log = LoggerFactory.getLogger(ChecksumVerifyingHandler.class);

    ChecksumVerifyingHandler(Handler s3) {
        setHandler(s3);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        String checksum = request.getHeader(HEADER);
        if (!"PUT".equals(request.getMethod()) || checksum == null || isStreaming(request)
                || request.getHeader("x-amz-copy-source") != null) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        byte[] expected = decode(checksum);
        if (expected == null) {
            baseRequest.setHandled(true);
            error(response, 400, "InvalidRequest", "Value for x-amz-checksum-sha256 header is invalid.");
            return;
        }
        VerifyingRequest verifying = new VerifyingRequest(request, expected);
        try {
            super.handle(target, baseRequest, verifying, response);
        } catch (IOException | RuntimeException e) {
            if (!verifying.mismatched) {
                throw e;
            }
            log.debug("refused a body that does not match its x-amz-checksum-sha256: {}", e.toString());
        }
        if (verifying.mismatched && !response.isCommitted()) {
            baseRequest.setHandled(true);
            response.reset();
            error(response, 400, "BadDigest", "The SHA256 you specified did not match the calculated checksum.");
        }
    }

    private static boolean isStreaming(HttpServletRequest request) {
        String payload = request.getHeader("x-amz-content-sha256");
        String encoding = request.getHeader("Content-Encoding");
        return (payload != null && payload.startsWith("STREAMING-"))
                || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
    }

    private static byte[] decode(String base64) {
        try {
            byte[] digest = Base64.getDecoder().decode(base64.trim());
            return digest.length == 32 ? digest : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An S3 error document; the connection is closed after it, so a refused body is never read. */
    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + UUID.randomUUID() + "</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        // the rest of a refused body is not worth reading
        response.setHeader("Connection", "close");
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /** The request with a body that digests itself and fails its last read when the digest is wrong. */
    private static final class VerifyingRequest extends HttpServletRequestWrapper {

        private final byte[] expected;
        private final long declaredLength;
        private final MessageDigest digest;
        private ServletInputStream stream;
        volatile boolean mismatched;

        VerifyingRequest(HttpServletRequest request, byte[] expected) {
            super(request);
            this.expected = expected;
            this.declaredLength = request.getContentLengthLong();
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Verifying(super.getInputStream());
            }
            return stream;
        }

        private final class Verifying extends ServletInputStream {

            private final ServletInputStream in;
            private long seen;
            private boolean ended;

            Verifying(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    digest.update(b, off, n);
                    seen += n;
                    // a reader that stops at the declared length never asks for the end of the stream
                    if (seen == declaredLength) {
                        end();
                    }
                } else if (n < 0) {
                    end();
                }
                return n;
            }

            private void end() throws IOException {
                if (!ended) {
                    ended = true;
                    mismatched = !MessageDigest.isEqual(expected, digest.digest());
                }
                if (mismatched) {
                    throw new IOException("the body does not match its " + HEADER);
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("S3 bodies are read blocking");
            }
        }
    }
}
