package dev.photo.local.s3;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the memory S3Proxy spends on header-signed requests whose payload hash is given ({@code x-amz-content-sha256}
 * a hex digest, as the AWS CLI and SDKs send over plain HTTP): S3Proxy reads such a body whole into the heap to check
 * the hash, and does so before it checks the signature, so anyone who can reach the port could fill the heap (a 1 GiB
 * PUT with a forged signature ended in {@code OutOfMemoryError} with a 256 MiB heap). Presigned URLs
 * ({@code UNSIGNED-PAYLOAD}) and aws-chunked streaming bodies are streamed by S3Proxy and pass untouched.
 *
 * <p>Here, before any body byte is read: a declared body over {@link #MAX_BODY_BYTES} is refused 400
 * {@code MaxMessageLengthExceeded} (the CLI and rclone send large files in parts of 8 MiB and 5 MiB; S3 itself takes
 * up to 5 GiB this way, see docs/security.md); the bodies being buffered at once share {@link #BUDGET_BYTES}, and a
 * request that cannot get its share within {@link #WAIT} is answered 503 {@code SlowDown}, which S3 clients retry.
 */
final class SignedPayloadLimit extends HandlerWrapper {

    /** Largest signed-payload body taken; S3Proxy is told the same, for bodies sent without a length. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    /** Signed-payload bodies buffered at the same time, in all; S3Proxy's copy while reading can double it. */
    static final long BUDGET_BYTES = 64L * 1024 * 1024;
    static final long WAIT_MILLIS = 20_000;
    private static final int UNIT = 1024;
    private static final Logger log = LoggerFactory.getLogger(SignedPayloadLimit.class);

    private final Semaphore budget;
    private final long waitMillis;

    SignedPayloadLimit(Handler next) {
        this(next, BUDGET_BYTES, WAIT_MILLIS);
    }

    /** @param budgetBytes signed-payload bodies buffered at once; @param waitMillis how long one waits for its share */
    SignedPayloadLimit(Handler next, long budgetBytes, long waitMillis) {
        this.budget = new Semaphore((int) (budgetBytes / UNIT), true);
        this.waitMillis = waitMillis;
        setHandler(next);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        if (!buffered(request)) {
            super.handle(target, baseRequest, request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            baseRequest.setHandled(true);
            ChecksumVerifyingHandler.error(response, 400, "MaxMessageLengthExceeded", "A body with a signed payload "
                    + "hash is taken up to " + (MAX_BODY_BYTES >> 20) + " MiB here; send it in parts, through a "
                    + "presigned URL, or with UNSIGNED-PAYLOAD or aws-chunked signing.");
            return;
        }
        int units = (int) Math.max(1, (declared < 0 ? MAX_BODY_BYTES : declared) / UNIT);
        boolean got;
        try {
            got = budget.tryAcquire(units, waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            log.debug("signed-payload bodies fill the buffer budget; answered SlowDown");
            baseRequest.setHandled(true);
            ChecksumVerifyingHandler.error(response, 503, "SlowDown", "Please reduce your request rate.");
            return;
        }
        try {
            super.handle(target, baseRequest, request, response);
        } finally {
            budget.release(units);
        }
    }

    /** Whether S3Proxy would read this request's body whole before acting on it. */
    private static boolean buffered(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"PUT".equals(method) && !"POST".equals(method)) {
            return false;
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
            return false;
        }
        String payload = request.getHeader("x-amz-content-sha256");
        String encoding = request.getHeader("Content-Encoding");
        boolean streamed = payload != null && (payload.equals("UNSIGNED-PAYLOAD") || payload.startsWith("STREAMING-"));
        boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
        return !streamed && !chunked;
    }
}
