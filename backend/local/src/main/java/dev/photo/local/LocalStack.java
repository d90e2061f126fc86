package dev.photo.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.backend.aws.S3ObjectStore;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.SignedCursor;
import dev.photo.backend.port.AdminPorts;
import dev.photo.backend.port.ObjectInfo;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.local.api.ApiServer;
import dev.photo.local.api.JwtAuthorizer;
import dev.photo.local.auth.CognitoServer;
import dev.photo.local.auth.LocalUser;
import dev.photo.local.auth.LocalUserDirectory;
import dev.photo.local.auth.SigningKeys;
import dev.photo.local.auth.TokenIssuer;
import dev.photo.local.auth.UserStore;
import dev.photo.local.db.Database;
import dev.photo.local.db.SqlitePhotoRepository;
import dev.photo.local.db.SqliteReprocessJobs;
import dev.photo.local.s3.DecodeBudget;
import dev.photo.local.s3.HeldEvents;
import dev.photo.local.s3.LocalReprocessQueue;
import dev.photo.local.s3.ObjectCreated;
import dev.photo.local.s3.ObjectCreatedListener;
import dev.photo.local.s3.ProcessorInvoker;
import dev.photo.local.s3.S3Server;
import dev.photo.files.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole backend on one machine: an S3-compatible server whose completed writes trigger the real processor
 * handler, a Cognito-compatible login endpoint, and the real API handler behind an HTTP adapter that verifies
 * JWTs the way the API Gateway authorizer does. Everything binds to 127.0.0.1 and lives in one data directory.
 *
 * <p>Data directory (0700): {@code photo.db} (SQLite: photos, users, refresh tokens), {@code s3/} (the bucket's
 * objects), and, all 0600, {@code local.json} (pool id, app client id, S3 key pair), {@code signing-key.json}
 * (the RS256 private JWK), {@code cursor-key} (signs list cursors), {@code admin-credentials.json} and, while a
 * published stack runs, {@code server.json}.
 * Tokens are issued by {@code urn:photo:local:local_photo}, which does not depend on ports, so cached tokens stay
 * valid across restarts for as long as the data directory's key does.
 */
public final class LocalStack implements AutoCloseable {

    public static final String REGION = "local";
    public static final String BUCKET = "photos";
    public static final String ADMIN_USERNAME = "admin";
    /** The group the API's admin routes ask for in {@code cognito:groups}. */
    public static final String ADMIN_GROUP = "admins";
    static final String ADMIN_CREDENTIALS_FILE = "admin-credentials.json";
    static final String SIGNING_KEY_FILE = "signing-key.json";
    static final String DATABASE_FILE = "photo.db";
    static final String CURSOR_KEY_FILE = "cursor-key";
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final Path dataDir;
    private final LocalSettings settings;
    private final UserStore users;
    private final ProcessorInvoker invoker;
    private final ObjectCreatedListener events;
    private final LocalEndpoints endpoints;
    /** What to stop on close, last started first. */
    private final Deque<AutoCloseable> parts;
    private final PublishedServer published;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalStack(Path dataDir, LocalSettings settings, UserStore users, ProcessorInvoker invoker,
                       ObjectCreatedListener events, LocalEndpoints endpoints, Deque<AutoCloseable> parts,
                       PublishedServer published) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.users = users;
        this.invoker = invoker;
        this.events = events;
        this.endpoints = endpoints;
        this.parts = parts;
        this.published = published;
    }

    /** Starts every part; on first start in a data directory also creates the admin user and its keys. */
    public static LocalStack start(LocalStackOptions options) {
        return start(options, BackendFunctions.real());
    }

    /**
     * Starts the stack around the given functions instead of the production handlers (tests of the stack itself).
     */
    public static LocalStack start(LocalStackOptions options, BackendFunctions functions) {
        Clock clock = Clock.systemUTC();
        Path dir = options.dataDir().toAbsolutePath();
        SecureFiles.createPrivateDirectory(dir);
        LocalSettings settings = LocalSettings.loadOrCreate(dir);
        SigningKeys keys = SigningKeys.loadOrCreate(dir.resolve(SIGNING_KEY_FILE));
        String issuer = TokenIssuer.issuerFor(settings.userPoolId());
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            Database db = Database.open(dir.resolve(DATABASE_FILE));
            parts.push(db);
            UserStore users = new UserStore(db, clock);
            ensureAdmin(dir, users);
            SqlitePhotoRepository photos = new SqlitePhotoRepository(db, cursorKey(dir));
            SqliteReprocessJobs jobs = new SqliteReprocessJobs(db);

            DeferredFunction processor = new DeferredFunction();
            ProcessorInvoker invoker = new ProcessorInvoker(processor, "processor", REGION,
                    Math.max(2, Runtime.getRuntime().availableProcessors() / 2), ProcessorInvoker.DEFAULT_RETRY_DELAYS);
            ObjectCreatedListener listener = invoker;
            if (options.holdProcessing()) {
                HeldEvents held = new HeldEvents();
                listener = held;
                parts.push(() -> log.warn("processing was held: {} uploads left unprocessed", held.held().size()));
            }
            S3Server s3 = S3Server.start(dir.resolve("s3"), options.s3Port(), settings.s3AccessKey(),
                    settings.s3SecretKey(), listener, clock);
            parts.push(s3);
            // the processor may still be finishing while the API is gone, but needs S3 and the database
            parts.push(invoker);
            s3.ensureBucket(BUCKET);
            S3ObjectStore objects = S3ObjectStore.forEndpoint(s3.endpoint(), REGION, settings.s3AccessKey(),
                    settings.s3SecretKey(), BUCKET);
            warmUp(objects);

            TokenIssuer tokens = new TokenIssuer(keys.privateKey(), issuer, clock);
            CognitoServer cognito = CognitoServer.start(options.cognitoPort(), users, tokens, keys.publicJwks(),
                    settings.userPoolId(), settings.clientId(), clock);
            parts.push(cognito);

            BackendConfig config = localConfig(settings.userPoolId(), settings.clientId(), cognito.endpoint());
            AdminPorts admin = new AdminPorts(new LocalUserDirectory(users), jobs, new LocalReprocessQueue(invoker));
            // several invocations run at once here, unlike one per Lambda instance: large decodes take turns
            DecodeBudget decodes = new DecodeBudget(config.maxPixels());
            processor.target = decodes.around(functions.processor(config, photos, decodes.around(objects), admin));
            JwtAuthorizer authorizer = new JwtAuthorizer(keys.publicJwks(), issuer, settings.clientId(), clock);
            ApiServer api = ApiServer.start(options.apiPort(), functions.api(config, photos, objects, admin), authorizer,
                    clock);
            parts.push(api);

            LocalEndpoints endpoints = new LocalEndpoints(api.endpoint(), cognito.endpoint(), s3.endpoint(), BUCKET,
                    REGION, settings.s3AccessKey(), settings.s3SecretKey());
            sweepPending(photos, objects, listener, clock, true);
            parts.push(sweepPeriodically(photos, objects, listener, clock));
            PublishedServer published = null;
            if (options.publish()) {
                published = PublishedServer.of(ProcessHandle.current().pid(), endpoints);
                published.write(dir);
            }
            return new LocalStack(dir, settings, users, invoker, listener, endpoints, parts, published);
        } catch (RuntimeException | Error e) {
            stopAll(parts);
            throw e;
        }
    }

    /**
     * The key that signs list cursors, kept with the stack's other secrets (0600): a client holding a cursor from
     * before a restart (a long {@code photo list}, a script paging through) goes on where it was.
     */
    static byte[] cursorKey(Path dir) {
        byte[] key = SecureFiles.readOrCreate(dir.resolve(CURSOR_KEY_FILE), () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return fresh;
        });
        if (key.length < SignedCursor.MIN_KEY_BYTES) {
            throw new IllegalStateException(CURSOR_KEY_FILE + " holds fewer than " + SignedCursor.MIN_KEY_BYTES
                    + " bytes; remove it to make a new key");
        }
        return key;
    }

    /**
     * Presigns once on a spare thread: the SDK's presigner loads and sets up much on first use (about 0.1 s on 2
     * CPUs), which the first {@code POST /uploads} would otherwise wait for. Presigning is local computation only.
     */
    private static void warmUp(S3ObjectStore objects) {
        Thread thread = new Thread(() -> {
            try {
                objects.presignPut("originals/warm-up", 1, "image/jpeg", "0".repeat(64), Duration.ofMinutes(1));
            } catch (RuntimeException e) {
                log.debug("presigner warm-up failed; the first upload pays for the set-up", e);
            }
        }, "photo-local-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The backend's settings on this stack: the deployment's defaults, except that one PUT takes up to 5 GiB (S3's
     * own single-PUT limit, which S3Proxy accepts too) and is what {@code GET /config} advises up to that size.
     * S3Proxy's filesystem store copies the whole object again when a multipart upload completes, so here one PUT
     * is faster at every size (a 1 GiB file: about 2.5 s against 6 s; docs/benchmarks.md has the measurements).
     */
    static BackendConfig localConfig(String userPoolId, String clientId, URI cognitoEndpoint) {
        return BackendConfig.of(REGION, BUCKET, userPoolId, clientId, cognitoEndpoint)
                .withMaxUploadBytes(S3Server.SINGLE_PUT_BYTES)
                .withMultipartAdvice(S3Server.SINGLE_PUT_BYTES, BackendConfig.DEFAULT_PART_BYTES);
    }

    /**
     * One pass over the PENDING photos. A photo whose original is stored gets its ObjectCreated event again: S3
     * delivers at least once, and an in-process stack that stops (Ctrl-C, the CLI's wait running out, a kill -9)
     * drops the events still queued, so the photo would otherwise stay PENDING and a new upload of it be answered
     * duplicate. A photo whose bytes never arrived and that is older than {@link PhotoRepository#PENDING_LIFETIME}
     * goes, as DynamoDB's TTL drops it on AWS; its presigned URLs expired long before, so no bytes can follow.
     * Never the other way round: expiring a photo whose original is stored would leave its bytes behind unowned.
     *
     * @param all at start every PENDING photo with a stored original is redelivered; the periodic pass redelivers
     *            only those older than the lifetime (the younger ones may still be in the processor's queue)
     */
    static void sweepPending(SqlitePhotoRepository photos, S3ObjectStore objects, ObjectCreatedListener processor,
                             Clock clock, boolean all) {
        Instant cutoff = clock.instant().minus(PhotoRepository.PENDING_LIFETIME);
        int expired = 0;
        for (Photo photo : photos.pending()) {
            boolean old = photo.uploadedAt().isBefore(cutoff);
            if (!all && !old) {
                continue;
            }
            Optional<ObjectInfo> stored = objects.head(photo.originalKey());
            if (stored.isPresent()) {
                log.info("redelivering ObjectCreated for {}: its processing never finished", stored.get().key());
                processor.objectCreated(new ObjectCreated(ObjectCreated.PUT, BUCKET, stored.get().key(),
                        stored.get().size(), "", clock.instant(), "0"));
            } else if (old && photos.expireIfPending(photo.owner(), photo.photoId())) {
                expired++;
            }
        }
        if (expired > 0) {
            log.info("expired {} uploads that never arrived", expired);
        }
    }

    /** The same sweep while a long-running stack ({@code photo local serve}) stays up. */
    private static AutoCloseable sweepPeriodically(SqlitePhotoRepository photos, S3ObjectStore objects,
                                                   ObjectCreatedListener processor, Clock clock) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "photo-local-pending-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                sweepPending(photos, objects, processor, clock, false);
            } catch (RuntimeException e) {
                log.warn("sweeping unfinished uploads failed; trying again later", e);
            }
        }, SWEEP_INTERVAL.toMinutes(), SWEEP_INTERVAL.toMinutes(), TimeUnit.MINUTES);
        return sweeper::shutdownNow;
    }

    /**
     * The endpoints of a stack published by another process with this data directory, if its process is alive and
     * its API answers {@code GET /config} within a second; see {@link LocalStackDiscovery#findRunning(Path)}.
     */
    public static Optional<LocalEndpoints> findRunning(Path dataDir) {
        return LocalStackDiscovery.findRunning(dataDir);
    }

    /** The admin user's credentials as stored in a data directory (made on the stack's first start). */
    public static Optional<LocalCredentials> adminCredentials(Path dataDir) {
        return LocalStackDiscovery.adminCredentials(dataDir);
    }

    public LocalEndpoints endpoints() {
        return endpoints;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The app client id that tokens must name (and {@code GET /config} publishes). */
    public String clientId() {
        return settings.clientId();
    }

    /**
     * Adds a user (tests and admin tooling); groups such as {@code admin} go into {@code cognito:groups}.
     *
     * @throws IllegalArgumentException if the name is taken or not a valid user name, or the password is empty
     */
    public void createUser(String username, String password, List<String> groups) {
        users.create(username, password, groups);
    }

    /** The user store, for tests and admin tooling that manage users directly. */
    public UserStore users() {
        return users;
    }

    /**
     * Where the S3 server's ObjectCreated events go (the processor's invoker, or the held events): tests deliver
     * events again through it, late, twice or out of order, as S3 may.
     */
    ObjectCreatedListener events() {
        return events;
    }

    /** Blocks until every ObjectCreated event emitted so far has been processed, or the timeout passes. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return invoker.awaitIdle(timeout);
    }

    /** Stops everything, last started first, giving processing in flight a few seconds. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (published != null) {
            try {
                published.unpublish(dataDir);
            } catch (RuntimeException e) {
                log.warn("could not remove {}", PublishedServer.FILE, e);
            }
        }
        stopAll(parts);
    }

    private static void stopAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("error while stopping the local stack", e);
            }
        }
    }

    /**
     * Makes the admin user on first start. The credentials file is written before the user exists, so that a crash
     * in between leaves a password that the next start uses rather than an admin nobody can log in as.
     */
    private static void ensureAdmin(Path dir, UserStore users) {
        Optional<LocalUser> existing = users.find(ADMIN_USERNAME);
        if (existing.isPresent()) {
            // data directories made before the admin routes existed named the group "admin"
            if (!existing.get().groups().contains(ADMIN_GROUP)) {
                List<String> groups = new ArrayList<>(existing.get().groups());
                groups.add(ADMIN_GROUP);
                users.setGroups(ADMIN_USERNAME, groups);
            }
            return;
        }
        byte[] stored = SecureFiles.readOrCreate(dir.resolve(ADMIN_CREDENTIALS_FILE), LocalStack::newAdminCredentials);
        LocalCredentials admin;
        try {
            admin = LocalStackDiscovery.credentials(stored);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ADMIN_CREDENTIALS_FILE, e);
        }
        users.create(ADMIN_USERNAME, admin.password(), List.of(ADMIN_GROUP));
    }

    private static byte[] newAdminCredentials() {
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        try {
            return JsonFiles.bytes(new LocalCredentials(ADMIN_USERNAME,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + ADMIN_CREDENTIALS_FILE, e);
        }
    }

    /**
     * The processor needs the object store, which needs the S3 server's port, which is only known once the server
     * (and so its event listener) is running: the listener's function is filled in just after.
     */
    private static final class DeferredFunction implements RequestStreamHandler {

        private volatile RequestStreamHandler target;

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            RequestStreamHandler t = target;
            if (t == null) {
                throw new IllegalStateException("processor not ready yet");
            }
            t.handleRequest(input, output, context);
        }
    }
}
