package dev.photo.backend.aws;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import dev.photo.backend.port.PresignedRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/** A real S3-compatible server (S3Proxy on a filesystem store) on 127.0.0.1 for adapter and handler tests. */
public final class EmbeddedS3 implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access-key";
    public static final String SECRET_KEY = "test-secret-key-0123456789";
    public static final String BUCKET = "photos";
    private static final Set<String> CLIENT_SET = Set.of("host", "content-length");

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private EmbeddedS3(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    public static EmbeddedS3 start(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials("unused", "unused")
                .overrides(props)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new EmbeddedS3(proxy, context);
    }

    /** A fresh key under {@code originals/}, as the API would make one. */
    public static String originalKey() {
        return "originals/" + UUID.randomUUID() + "/" + UUID.randomUUID();
    }

    /**
     * Sends a presigned request the way a client does: its method, URL and signed headers, except those the HTTP
     * client sets itself from the body; {@code override} replaces or adds headers, to tamper with the request.
     */
    public static HttpResponse<String> send(HttpClient http, PresignedRequest request, byte[] body,
                                            Map<String, String> override) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.url()).method(request.method(),
                HttpRequest.BodyPublishers.ofByteArray(body));
        // header names are case-insensitive: an override replaces the signed header whatever the case of either
        Set<String> overridden = new HashSet<>();
        override.keySet().forEach(name -> overridden.add(name.toLowerCase(Locale.ROOT)));
        request.headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!CLIENT_SET.contains(lower) && !overridden.contains(lower)) {
                b.header(name, value);
            }
        });
        override.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3ObjectStore store() {
        S3ObjectStore store = S3ObjectStore.forEndpoint(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY, BUCKET);
        store.ensureBucket();
        return store;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
