package dev.photo.local.s3;

import org.gaul.shaded.org.eclipse.jetty.server.ConnectionLimit;
import org.gaul.shaded.org.eclipse.jetty.server.Connector;
import org.gaul.shaded.org.eclipse.jetty.server.HttpConnectionFactory;
import org.gaul.shaded.org.eclipse.jetty.server.Server;
import org.gaul.shaded.org.eclipse.jetty.server.ServerConnector;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The S3-compatible server of the local stack: S3Proxy on jclouds' filesystem store, SigV4 enforced with the
 * stack's key pair, and an {@code ObjectCreated} notification for every completed write under {@code originals/}.
 * Unknown headers are ignored so that {@code x-amz-checksum-sha256} (signed into presigned PUTs) is accepted;
 * S3Proxy does not check the body against it, so {@link ChecksumVerifyingHandler} in front of it does (400
 * BadDigest, nothing stored), and the processor checks again. Listings and reads show stored objects only
 * ({@link ObjectsOnlyBlobStore}), and connections are bounded in idle time, data rate and number.
 */
public final class S3Server implements AutoCloseable {

    /**
     * S3's largest single PUT, which this server takes through presigned URLs and streaming (aws-chunked) signing.
     * A header-signed PUT with its payload hash is buffered whole by S3Proxy, so {@link SignedPayloadLimit} takes
     * those only up to 32 MiB (the AWS CLI and rclone send large files in parts well under that).
     */
    public static final long SINGLE_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    /** A connection with no traffic for this long is closed, also while a body is being read. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    private static final int MAX_CONNECTIONS = 512;

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    private S3Server(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
    }

    /**
     * Starts the server on 127.0.0.1 ({@code port} 0 picks a free one) with its objects under {@code root}.
     */
    public static S3Server start(Path root, int port, String accessKey, String secretKey,
                                 ObjectCreatedListener listener, Clock clock) {
        return start(root, port, accessKey, secretKey, listener, clock, IDLE_TIMEOUT);
    }

    /** As the other {@code start}, with another idle timeout (tests use a short one). */
    public static S3Server start(Path root, int port, String accessKey, String secretKey,
                                 ObjectCreatedListener listener, Clock clock, Duration idleTimeout) {
        Properties props = new Properties();
        props.setProperty(FilesystemConstants.PROPERTY_BASEDIR, root.toAbsolutePath().toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .credentials(accessKey, secretKey)
                .overrides(props)
                .modules(List.of(new SLF4JLoggingModule()))
                .buildView(BlobStoreContext.class);
        BlobStore store = new NotifyingBlobStore(new ObjectsOnlyBlobStore(context.getBlobStore()), listener, clock);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .ignoreUnknownHeaders(true)
                .v4MaxNonChunkedRequestSize(SignedPayloadLimit.MAX_BODY_BYTES)
                .jettyMaxThreads(32)
                .build();
        try {
            harden(jettyOf(proxy), idleTimeout);
            proxy.start();
            waitUntilStarted(proxy);
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start the S3 server on 127.0.0.1:" + port, e);
        }
        return new S3Server(proxy, context);
    }

    /**
     * Creates the bucket if missing, directly in the store: the SDK's CreateBucket sends the region as location
     * constraint, which S3Proxy refuses for a region name such as {@code local}.
     */
    public void ensureBucket(String bucket) {
        context.getBlobStore().createContainerInLocation(null, bucket);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the S3 server", e);
        } finally {
            context.close();
        }
    }

    /**
     * S3Proxy builds its Jetty server privately; its connector, configuration and handler are set here, before
     * it starts. Jetty parses headers without a thread and by default dispatches a request with a body only once
     * its first body byte is in; S3Proxy then reads bodies blocking, so a client that stops sending holds a thread
     * until the idle timeout ends it.
     */
    private static void harden(Server jetty, Duration idleTimeout) {
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector server) {
                server.setIdleTimeout(idleTimeout.toMillis());
                HttpConnectionFactory http = server.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    // no minimum data rate: Jetty measures it from the request's start, so a small part sent after
                    // a 100-continue on a busy machine was refused 408
                    http.getHttpConfiguration().setSendServerVersion(false);
                }
            }
        }
        jetty.addBean(new ConnectionLimit(MAX_CONNECTIONS, jetty));
        jetty.setHandler(new SignedPayloadLimit(new ChecksumVerifyingHandler(jetty.getHandler())));
    }

    /**
     * The Jetty server inside S3Proxy 3.0.0: a private field, of S3Proxy's own shaded copy of Jetty. Its version is
     * pinned, and the tests that stall connections and forge checksums fail if this stops working.
     */
    private static Server jettyOf(S3Proxy proxy) throws ReflectiveOperationException {
        Field field = S3Proxy.class.getDeclaredField("server");
        field.setAccessible(true);
        return (Server) field.get(proxy);
    }

    private static void waitUntilStarted(S3Proxy proxy) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3 server did not start; state " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }
}
