package dev.photo.cli.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves bytes to and from presigned S3 URLs with plain HTTP: no AWS credentials, the signature is in the URL.
 * Bodies are streamed from and to files, so memory does not grow with file size.
 */
public final class TransferClient {

    private static final Logger LOG = LoggerFactory.getLogger(TransferClient.class);
    private static final Set<Integer> RETRYABLE = Set.of(500, 502, 503, 504);
    /** Headers the JDK client sets itself from the body and URI, and refuses to take from callers. */
    private static final Set<String> SET_BY_CLIENT =
            Set.of("content-length", "host", "connection", "expect", "upgrade");
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");

    private final HttpClient http;

    public TransferClient(HttpClient http) {
        this.http = http;
    }

    /**
     * Sends {@code file} to the presigned URL with exactly the signed headers, retrying network errors and 5xx
     * answers. A 412 (If-None-Match) means the object is already stored under this photo's key, which only
     * happens when an earlier attempt got through but its answer was lost, so it counts as done.
     */
    public TransferResult upload(PresignedUpload upload, Path file, RetryPolicy retry) throws InterruptedException {
        return upload(upload, file, retry, bytes -> { });
    }

    /**
     * Like {@link #upload(PresignedUpload, Path, RetryPolicy)}, telling {@code progress} how many bytes were sent;
     * a failed attempt's bytes are taken back (a negative count) before the retry, so the total stays true.
     */
    public TransferResult upload(PresignedUpload upload, Path file, RetryPolicy retry, LongConsumer progress)
            throws InterruptedException {
        URI uri = URI.create(upload.url());
        String lastFailure = null;
        for (int attempt = 1; ; attempt++) {
            boolean retryable;
            AtomicLong sent = new AtomicLong();
            LongConsumer counter = bytes -> {
                sent.addAndGet(bytes);
                progress.accept(bytes);
            };
            try {
                HttpResponse<String> response = http.send(putRequest(upload, uri, file, counter),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                LOG.debug("{} {} -> {} (attempt {})", upload.method(), uri.getPath(), status, attempt);
                if (status / 100 == 2 || status == 412) {
                    return TransferResult.success(attempt);
                }
                lastFailure = "storage answered HTTP " + status + s3Code(response.body());
                retryable = RETRYABLE.contains(status);
            } catch (FileNotFoundException e) {
                return TransferResult.failure(attempt, "cannot read the file");
            } catch (IOException e) {
                lastFailure = "cannot reach storage at " + NetworkErrors.hostPort(uri)
                        + " (" + NetworkErrors.describe(e) + ")";
                retryable = true;
            }
            progress.accept(-sent.get());
            if (!retryable || !retry.canRetryAfter(attempt)) {
                return TransferResult.failure(attempt, lastFailure);
            }
            retry.pause(attempt);
        }
    }

    /**
     * Streams a presigned GET into {@code target}. Throws {@link IOException} with a short reason on failure.
     */
    public void download(String url, Path target, RetryPolicy retry) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        for (int attempt = 1; ; attempt++) {
            IOException failure;
            boolean retryable;
            try {
                HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                        HttpResponse.BodyHandlers.ofFile(target));
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                failure = new IOException("storage answered HTTP " + status);
                retryable = RETRYABLE.contains(status);
            } catch (IOException e) {
                failure = new IOException("cannot reach storage at " + NetworkErrors.hostPort(uri) + " ("
                        + NetworkErrors.describe(e) + ")", e);
                retryable = true;
            }
            if (!retryable || !retry.canRetryAfter(attempt)) {
                throw failure;
            }
            retry.pause(attempt);
        }
    }

    private static HttpRequest putRequest(PresignedUpload upload, URI uri, Path file, LongConsumer counter)
            throws FileNotFoundException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(upload.method() == null ? "PUT" : upload.method().toUpperCase(Locale.ROOT),
                        new CountingBodyPublisher(HttpRequest.BodyPublishers.ofFile(file), counter));
        for (Map.Entry<String, String> header : upload.headers().entrySet()) {
            if (!SET_BY_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                builder.header(header.getKey(), header.getValue());
            }
        }
        return builder.build();
    }

    private static String s3Code(String body) {
        Matcher matcher = XML_CODE.matcher(body == null ? "" : body);
        return matcher.find() ? " " + matcher.group(1) : "";
    }
}
