package dev.photo.cli.download;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.client.EndpointPolicy;
import dev.photo.cli.client.RetryPolicy;
import dev.photo.cli.client.TransferClient;
import dev.photo.cli.upload.Sha256;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Downloads the items of a plan into one folder, {@code parallel} at a time. Each photo goes to a {@code .part}
 * file named after its id (so a rerun finds and continues it), is checked against its stored SHA-256, and only then
 * takes its final name; a local file with the same SHA-256 is skipped, a different one kept unless {@code force}.
 * A photo that fails never stops the others: every one ends as a {@link DownloadOutcome}.
 */
public final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    /** A photo's URLs this close to their expiry are asked for again before a transfer starts. */
    private static final Duration URL_MARGIN = Duration.ofMinutes(2);
    /** How often one photo may ask for new URLs after the storage refused one as expired. */
    private static final int URL_RENEWALS = 2;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** Where a photo's details and presigned URLs come from: {@code GET /photos/{id}}. */
    @FunctionalInterface
    public interface PhotoSource {
        PhotoDetails details(String photoId) throws InterruptedException;
    }

    /**
     * @param parallel transfers at once
     * @param retry    retries of a transfer (and of the API calls, which the source does)
     * @param force    replace local files that differ
     */
    public record Settings(int parallel, RetryPolicy retry, boolean force) {
    }

    private final PhotoSource source;
    private final PartTransfer transfer;
    private final Settings settings;
    private final DownloadListener listener;
    private final Clock clock;
    private final AtomicInteger ended = new AtomicInteger();

    public Downloader(PhotoSource source, TransferClient transfer, Settings settings, DownloadListener listener,
                      Clock clock) {
        this.source = source;
        this.transfer = new PartTransfer(transfer, settings.retry());
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
    }

    /** Photos of the run that have ended, for the notice of an interrupted run. */
    public int ended() {
        return ended.get();
    }

    /** The result of looking up the ids a user named: the photos found, and an outcome for each one not found. */
    public record Lookup(List<PhotoDetails> found, List<DownloadOutcome> missing) {
    }

    /**
     * Looks each id up ({@code GET /photos/{id}}), {@code parallel} at a time, in the order given, each id once.
     *
     * @throws CliException when the API refuses the login: nothing could be downloaded then
     */
    public Lookup lookUp(List<String> ids, Integer thumbnailSize) throws InterruptedException {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        List<Object> results = inParallel(unique, id -> {
            try {
                return source.details(id);
            } catch (CliException e) {
                if (e.exitCode() == ExitCodes.AUTH) {
                    throw e;
                }
                return DownloadOutcome.notFound(id, thumbnailSize,
                        e.exitCode() == ExitCodes.NOT_FOUND ? "not_found" : "lookup_failed", e.getMessage(),
                        e.exitCode());
            }
        });
        List<PhotoDetails> found = new ArrayList<>();
        List<DownloadOutcome> missing = new ArrayList<>();
        for (Object result : results) {
            if (result instanceof PhotoDetails details && details.photo() != null) {
                found.add(details);
            } else if (result instanceof DownloadOutcome outcome) {
                missing.add(outcome);
            }
        }
        return new Lookup(found, missing);
    }

    /**
     * Downloads every item into {@code directory} (which must exist).
     *
     * @param known details already at hand for some photos (from {@link #lookUp}), used while their URLs are fresh
     */
    public List<DownloadOutcome> run(Path directory, List<DownloadItem> items, List<PhotoDetails> known)
            throws InterruptedException {
        Map<String, PhotoDetails> fresh = new ConcurrentHashMap<>();
        for (PhotoDetails details : known) {
            fresh.put(details.photo().photoId(), details);
        }
        List<Object> results = inParallel(items, item -> {
            DownloadOutcome outcome = one(directory, item, fresh.remove(item.photoId()));
            ended.incrementAndGet();
            listener.finished(item, outcome);
            return outcome;
        });
        return results.stream().map(DownloadOutcome.class::cast).toList();
    }

    @FunctionalInterface
    private interface Task<T> {
        Object run(T input) throws InterruptedException;
    }

    private <T> List<Object> inParallel(List<T> inputs, Task<T> task) throws InterruptedException {
        if (inputs.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.parallel(), inputs.size()), r -> {
            Thread thread = new Thread(r, "photo-download-" + threads.incrementAndGet());
            // a stuck transfer never keeps the command from exiting
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Object>> futures = new ArrayList<>(inputs.size());
            for (T input : inputs) {
                futures.add(pool.submit(() -> task.run(input)));
            }
            List<Object> results = new ArrayList<>(inputs.size());
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private DownloadOutcome one(Path directory, DownloadItem item, PhotoDetails known) throws InterruptedException {
        Path target = directory.resolve(item.fileName());
        if (!directory.equals(target.getParent())) {
            // SafeNames makes this impossible; a second guard costs nothing where a file could land elsewhere
            return DownloadOutcome.failed(item, null, "refused", "refused the unsafe local name "
                    + item.fileName(), ExitCodes.ERROR);
        }
        String path = target.toString();
        try {
            return download(directory, item, target, known);
        } catch (CliException e) {
            return DownloadOutcome.failed(item, path, e.exitCode() == ExitCodes.NOT_FOUND ? "not_found"
                    : "api_error", e.getMessage(), e.exitCode());
        } catch (ChecksumMismatch e) {
            return DownloadOutcome.failed(item, path, "checksum_mismatch", e.getMessage(), ExitCodes.ERROR);
        } catch (LocalTrouble e) {
            return DownloadOutcome.failed(item, path, "local_error", e.getMessage(), ExitCodes.ERROR);
        } catch (IOException e) {
            return DownloadOutcome.failed(item, path, "transfer_failed", e.getMessage(), ExitCodes.UNAVAILABLE);
        } catch (UncheckedIOException e) {
            return DownloadOutcome.failed(item, path, "local_error", e.getMessage(), ExitCodes.ERROR);
        } catch (RuntimeException e) {
            // a fault of this client with one photo's answer must not cost the others their download
            LOG.debug("{}: unexpected failure", item.photoId(), e);
            return DownloadOutcome.failed(item, path, "internal_error", "unexpected failure: "
                    + e.getClass().getSimpleName(), ExitCodes.ERROR);
        }
    }

    private DownloadOutcome download(Path directory, DownloadItem item, Path target, PhotoDetails known)
            throws IOException, InterruptedException {
        String path = target.toString();
        Unavailable unavailable = unavailable(item.photo(), item);
        if (unavailable != null) {
            return unavailable.outcome(item, path);
        }
        String expected = item.expectedSha256();
        Local local = Local.of(target);
        if (local == Local.OTHER) {
            return DownloadOutcome.conflict(item, path, "something other than a regular file is there "
                    + "(a folder, link or device); it is never replaced");
        }
        if (local == Local.FILE && expected != null) {
            long size = Files.size(target);
            if (item.expectedSize() == null || size == item.expectedSize()) {
                if (expected.equals(Sha256.of(target).hex())) {
                    // a part an interrupted run left is of no more use
                    Files.deleteIfExists(directory.resolve(partName(item)));
                    return DownloadOutcome.skipped(item, path, size, "same_sha256",
                            "already downloaded (same SHA-256)");
                }
            }
            if (!settings.force()) {
                return DownloadOutcome.conflict(item, path, "a different file is there; --force replaces it");
            }
        }
        Path part = directory.resolve(partName(item));
        PartTransfer.Fetched fetched = fetchVerified(item, part, known);
        if (local == Local.FILE && expected == null) {
            // a thumbnail has no stored checksum: the bytes just fetched are what the local file is compared with
            if (Files.size(target) == fetched.length() && Sha256.of(target).hex().equals(fetched.sha256())) {
                Files.deleteIfExists(part);
                return DownloadOutcome.skipped(item, path, fetched.length(), "same_bytes",
                        "already downloaded (the same bytes)");
            }
            if (!settings.force()) {
                Files.deleteIfExists(part);
                return DownloadOutcome.conflict(item, path, "a different file is there; --force replaces it");
            }
        }
        try {
            moveIntoPlace(part, target, settings.force());
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(part);
            return DownloadOutcome.conflict(item, path, "a file appeared there meanwhile; --force replaces it");
        } catch (IOException e) {
            throw new LocalTrouble("cannot move the download into place: " + e.getMessage(), e);
        }
        return DownloadOutcome.downloaded(item, path, fetched.length(), expected, fetched.resumedFrom(),
                local == Local.FILE);
    }

    /**
     * The part fetched and, for an original, checked against the stored SHA-256: a mismatch empties the part and
     * fetches once more from scratch, then fails with the part deleted. Never left under the final name.
     */
    private PartTransfer.Fetched fetchVerified(DownloadItem item, Path part, PhotoDetails known)
            throws IOException, InterruptedException {
        String expected = item.expectedSha256();
        Long size = item.expectedSize();
        Urls urls = new Urls(item, known);
        for (int check = 1; ; check++) {
            PartTransfer.Fetched fetched = fetchRenewing(item, part, urls, expected != null);
            if (expected == null) {
                listener.sized(fetched.length());
                return fetched;
            }
            if (expected.equals(fetched.sha256()) && (size == null || size == fetched.length())) {
                return fetched;
            }
            LOG.debug("{}: SHA-256 {} of {} bytes, stored {} (check {})", item.photoId(), fetched.sha256(),
                    fetched.length(), expected, check);
            listener.transferred(-fetched.length());
            Files.deleteIfExists(part);
            if (check == 2) {
                throw new ChecksumMismatch("the bytes downloaded twice do not match the stored SHA-256 (got "
                        + fetched.sha256() + ", " + fetched.length() + " bytes); nothing was kept");
            }
        }
    }

    private PartTransfer.Fetched fetchRenewing(DownloadItem item, Path part, Urls urls, boolean resumable)
            throws IOException, InterruptedException {
        for (int renewal = 0; ; renewal++) {
            URI uri = urls.current();
            try {
                return transfer.fetch(uri, part, item.expectedSize(), resumable, listener::transferred);
            } catch (PartTransfer.UrlExpired e) {
                if (renewal >= URL_RENEWALS) {
                    throw new IOException("the storage kept refusing the download URLs as expired; is this "
                            + "machine's clock right?");
                }
                LOG.debug("{}: URL expired, asking for a new one", item.photoId());
                urls.renew();
            }
        }
    }

    /** The presigned URL of one item, from details at hand while fresh, else from the API. */
    private final class Urls {

        private final DownloadItem item;
        private PhotoDetails details;

        Urls(DownloadItem item, PhotoDetails known) {
            this.item = item;
            this.details = known != null && fresh(known) ? known : null;
        }

        URI current() throws InterruptedException, IOException {
            if (details == null) {
                details = source.details(item.photoId());
            }
            return uri(details);
        }

        void renew() {
            details = null;
        }

        private URI uri(PhotoDetails d) throws IOException {
            String url = item.thumbnailSize() == null ? d.downloads().original()
                    : d.downloads().thumbnails().get(Integer.toString(item.thumbnailSize()));
            if (url == null) {
                throw new IOException(item.thumbnailSize() == null ? "the API gave no download URL (status "
                        + (d.photo() == null ? "unknown" : d.photo().status()) + ")"
                        : "the API gave no URL for the " + item.thumbnailSize() + " px thumbnail");
            }
            URI uri = URI.create(url);
            Optional<String> refused = EndpointPolicy.violation(uri);
            if (refused.isPresent()) {
                throw new IOException("refused the download URL the API gave: it " + refused.get());
            }
            return uri;
        }

        private boolean fresh(PhotoDetails d) {
            if (d.expiresAt() == null) {
                return false;
            }
            try {
                return clock.instant().plus(URL_MARGIN).isBefore(Instant.parse(d.expiresAt()));
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    /** Why a photo has nothing to download, or {@code null} when it has. */
    private record Unavailable(String reason, String message) {

        DownloadOutcome outcome(DownloadItem item, String path) {
            // in an album such photos are left aside; asked for by id, they are a failure
            return item.explicit() ? DownloadOutcome.failed(item, path, reason, message, ExitCodes.ERROR)
                    : DownloadOutcome.skipped(item, path, null, reason, message);
        }
    }

    private static Unavailable unavailable(PhotoInfo photo, DownloadItem item) {
        String status = photo.status() == null ? "unknown" : photo.status();
        if (!PhotoStatus.READY.name().equals(status)) {
            return new Unavailable("not_ready", "not downloadable (status " + status + ")");
        }
        if (item.thumbnailSize() != null
                && (photo.thumbnails() == null || !photo.thumbnails().contains(item.thumbnailSize()))) {
            return new Unavailable("no_thumbnail", "has no " + item.thumbnailSize() + " px thumbnail");
        }
        return null;
    }

    /**
     * {@code .photo-ID.part} (or {@code .photo-ID-thumb256.part}) beside the final file: named by the photo so that
     * a rerun finds it whatever name the plan gives; an id that is not plainly safe is hashed.
     */
    static String partName(DownloadItem item) {
        String id = item.photoId();
        String key = SAFE_ID.matcher(id).matches() ? id : sha256(id).substring(0, 32);
        return ".photo-" + key + (item.thumbnailSize() == null ? "" : "-thumb" + item.thumbnailSize()) + ".part";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Gives the part its final name: without {@code force} a hard link, which fails if a file appeared there
     * meanwhile, where a rename would silently replace it; with {@code force} one rename over the old file.
     */
    static void moveIntoPlace(Path part, Path target, boolean force) throws IOException {
        if (!force) {
            try {
                Files.createLink(target, part);
                Files.delete(part);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this file system (FAT, some network shares): check, then rename
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
            }
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What is at a local name: nothing, a regular file, or anything else (never followed, never hashed). */
    private enum Local {
        NONE, FILE, OTHER;

        static Local of(Path target) throws IOException {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return NONE;
            }
            return attributes.isRegularFile() ? FILE : OTHER;
        }
    }

    private static final class ChecksumMismatch extends IOException {
        ChecksumMismatch(String message) {
            super(message);
        }
    }

    private static final class LocalTrouble extends IOException {
        LocalTrouble(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
