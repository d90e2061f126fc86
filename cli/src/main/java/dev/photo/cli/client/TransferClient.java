package dev.photo.cli.client;

import dev.photo.contract.Downloads;
import dev.photo.contract.PresignedUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves bytes to and from presigned S3 URLs with plain HTTP: no AWS credentials, the signature is in the URL.
 * Bodies are streamed from and to files, so memory does not grow with file size. Shares the command's one
 * {@link Http} (and so its pool of connections) with the API client.
 */
public final class TransferClient {

    private static final Logger LOG = LoggerFactory.getLogger(TransferClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);
    /** S3 error codes that mean "try again", whatever status carries them. */
    private static final Set<String> RETRYABLE_CODES =
            Set.of("SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable");
    /** Headers the JDK sets itself from the body and URI, and ignores when callers set them. */
    private static final Set<String> SET_BY_CLIENT =
            Set.of("content-length", "host", "connection", "expect", "upgrade", "transfer-encoding");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{0,300})</Message>");
    /** A URL this close to its expiry is presigned again rather than sent: the body may take longer. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    /** Headers must come back within this, plus the time the body takes at a slow 256 KiB/s. */
    private static final Duration BASE_TIMEOUT = Duration.ofSeconds(30);
    private static final long SLOW_BYTES_PER_SECOND = 256 * 1024;

    /** Downloads: a stall this long (no byte read) fails the attempt. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(60);

    private final Http http;
    private final Clock clock;

    public TransferClient(Http http) {
        this(http, Clock.systemUTC());
    }

    public TransferClient(Http http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * Sends {@code slice} to the presigned URL with exactly the signed headers, retrying connection errors,
     * timeouts, 500/502/503/504 and S3's {@code SlowDown} with back-off. A 412 (If-None-Match) means the object is
     * already stored under this photo's key, which only happens when an earlier attempt got through but its answer
     * was lost: {@link TransferResult.Status#ALREADY_STORED}. An expired URL (S3's 403 AccessDenied "Request has
     * expired", or a connection dropped after the URL's expiry: S3 may refuse before reading a large body) ends
     * {@link TransferResult.Status#EXPIRED} without using a retry: the caller presigns again.
     *
     * @param progress told how many bytes were sent; a failed attempt's bytes are taken back (a negative count)
     */
    public TransferResult put(PresignedUpload upload, FileSlice slice, RetryPolicy retry, LongConsumer progress)
            throws InterruptedException {
        URI uri = URI.create(upload.url());
        Optional<String> refused = EndpointPolicy.violation(uri);
        if (refused.isPresent()) {
            return TransferResult.failure(0, "refused the upload URL the API gave: it " + refused.get());
        }
        Instant expiresAt = parse(upload.expiresAt());
        String lastFailure;
        for (int attempt = 1; ; attempt++) {
            if (nearExpiry(expiresAt)) {
                return TransferResult.expired(attempt - 1);
            }
            boolean retryable;
            AtomicLong sent = new AtomicLong();
            LongConsumer counter = bytes -> {
                sent.addAndGet(bytes);
                progress.accept(bytes);
            };
            try {
                Http.Response response = http.upload(method(upload), uri, signedHeaders(upload), slice, counter,
                        timeout(slice));
                int status = response.status();
                LOG.debug("{} {} -> {} (attempt {})", upload.method(), uri.getPath(), status, attempt);
                if (status / 100 == 2) {
                    return new TransferResult(TransferResult.Status.STORED, attempt, null,
                            response.header("etag").orElse(null));
                }
                progress.accept(-sent.get());
                if (status == 412) {
                    return new TransferResult(TransferResult.Status.ALREADY_STORED, attempt, null, null);
                }
                String body = new String(response.body(), StandardCharsets.UTF_8);
                String code = xml(XML_CODE, body);
                if (status == 403 && expiredAnswer(code, xml(XML_MESSAGE, body))) {
                    return TransferResult.expired(attempt - 1);
                }
                lastFailure = "storage answered HTTP " + status + (code == null ? "" : " " + code);
                retryable = RETRYABLE.contains(status) || code != null && RETRYABLE_CODES.contains(code);
            } catch (NoSuchFileException e) {
                progress.accept(-sent.get());
                return TransferResult.failure(attempt, "cannot read the file: it is gone");
            } catch (IOException e) {
                progress.accept(-sent.get());
                if (changed(e)) {
                    return TransferResult.failure(attempt, "the file changed while it was being sent");
                }
                if (expired(expiresAt)) {
                    LOG.debug("{} failed after its URL expired; presigning again", uri.getPath(), e);
                    return TransferResult.expired(attempt - 1);
                }
                LOG.debug("{} {} failed (attempt {})", upload.method(), uri.getPath(), attempt, e);
                lastFailure = "cannot reach storage at " + NetworkErrors.hostPort(uri)
                        + " (" + NetworkErrors.describe(e) + ")";
                retryable = true;
            }
            if (!retryable || !retry.canRetryAfter(attempt)) {
                return TransferResult.failure(attempt, lastFailure);
            }
            retry.pause(attempt);
        }
    }

    /**
     * One GET of a presigned URL, from byte {@code offset} on (a {@code Range} request) when that is above zero,
     * with no retries: the caller decides, knowing what its file already holds. A 2xx body goes to {@code reader};
     * any other answer is returned whole. Only the URL's path is ever logged, never its signature.
     */
    public Http.Response get(URI uri, long offset, Http.BodyReader reader) throws IOException {
        Map<String, String> headers = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        Http.Response response = http.get(uri, headers, DOWNLOAD_TIMEOUT, reader);
        LOG.debug("GET {} from byte {} -> {}", uri.getPath(), offset, response.status());
        return response;
    }

    /** Whether a download that got this answer may be tried again: throttling or the store's own trouble. */
    public static boolean retryable(Http.Response response) {
        String code = xml(XML_CODE, new String(response.body(), StandardCharsets.UTF_8));
        return RETRYABLE.contains(response.status()) || response.status() == 429
                || code != null && RETRYABLE_CODES.contains(code);
    }

    /** Whether the answer is S3's refusal of a presigned URL past its expiry. */
    public static boolean expiredAnswer(Http.Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return response.status() == 403 && expiredAnswer(xml(XML_CODE, body), xml(XML_MESSAGE, body));
    }

    /** The S3 error code of an error answer, or {@code null}. */
    public static String errorCode(Http.Response response) {
        return xml(XML_CODE, new String(response.body(), StandardCharsets.UTF_8));
    }

    /** S3's answer to an expired presigned request; S3Proxy answers the same. */
    static boolean expiredAnswer(String code, String message) {
        return "AccessDenied".equals(code) && message != null
                && message.toLowerCase(Locale.ROOT).contains("expired");
    }

    private boolean nearExpiry(Instant expiresAt) {
        return expiresAt != null && clock.instant().isAfter(expiresAt.minus(EXPIRY_MARGIN));
    }

    private boolean expired(Instant expiresAt) {
        return expiresAt != null && !clock.instant().isBefore(expiresAt);
    }

    private static boolean changed(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException && t.getMessage() != null && t.getMessage().contains("changed")) {
                return true;
            }
        }
        return false;
    }

    private static Instant parse(String expiresAt) {
        if (expiresAt == null) {
            return null;
        }
        try {
            return Instant.parse(expiresAt);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration timeout(FileSlice slice) {
        return BASE_TIMEOUT.plusSeconds(slice.length() / SLOW_BYTES_PER_SECOND);
    }

    private static String method(PresignedUpload upload) {
        return upload.method() == null ? "PUT" : upload.method().toUpperCase(Locale.ROOT);
    }

    /** The headers the URL was signed with, less those the JDK derives from the request itself. */
    private static Map<String, String> signedHeaders(PresignedUpload upload) {
        Map<String, String> headers = new LinkedHashMap<>();
        upload.headers().forEach((name, value) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        return headers;
    }

    private static String xml(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body == null ? "" : body);
        return matcher.find() ? matcher.group(1) : null;
    }
}
