package dev.photo.backend.core;

import dev.photo.backend.core.image.ImageProcessor;
import dev.photo.backend.core.image.ImageRejectedException;
import dev.photo.backend.core.image.ProcessedImage;
import dev.photo.backend.core.image.Thumbnail;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.contract.PhotoStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns an uploaded original into a READY photo with thumbnails, or a REJECTED one whose bytes are gone.
 *
 * <p>S3 delivers each event at least once, so processing a key again must end in the same records and objects:
 * every step overwrites rather than appends, and an original that is no longer there (already rejected and
 * deleted) is a no-op. Failures of the store or the repository propagate, so the Lambda runtime retries the event;
 * only the content itself can make a photo REJECTED.
 *
 * <p>The original is streamed to a temporary file while its SHA-256 is computed, so memory stays bounded whatever
 * the size; at most the declared size plus one byte is read, and the file is always deleted.
 */
public final class ProcessingService {

    /** What processing one key came to. */
    public enum Outcome {
        /** Not an original in this bucket; nothing touched. */
        IGNORED,
        /** No record owns the object (never presigned, or deleted meanwhile); the object was deleted. */
        ORPHAN_DELETED,
        /** The object is no longer there, typically because an earlier delivery rejected it; nothing touched. */
        GONE,
        /**
         * The photo is no longer PENDING: a repeated event, or bytes sent again through a still-valid URL. Its record
         * stays as it is (a status only moves forward); the bytes of a REJECTED photo are deleted again.
         */
        SETTLED,
        READY,
        REJECTED
    }

    static final String SHA_MISMATCH = "content does not match the declared SHA-256";
    static final String SIZE_MISMATCH = "content size does not match the declared size";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessingService.class);
    private static final String THUMBNAIL_TYPE = "image/jpeg";
    private static final int BUFFER = 64 * 1024;

    private final String bucket;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final ImageProcessor images;
    private final List<Integer> thumbnailSizes;
    private final Clock clock;
    private final Path tempRoot;

    public ProcessingService(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        this(config, photos, objects, clock, null);
    }

    /** @param tempRoot where work directories are made; null for the system's temporary directory */
    ProcessingService(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock,
                      Path tempRoot) {
        this.tempRoot = tempRoot;
        this.bucket = config.bucket();
        this.photos = photos;
        this.objects = objects;
        this.images = new ImageProcessor(config.maxPixels(), config.thumbnailSizes());
        this.thumbnailSizes = config.thumbnailSizes();
        this.clock = clock;
    }

    /**
     * Processes the object {@code key} that was just written to {@code bucket}.
     *
     * @throws dev.photo.backend.port.ObjectStoreException and other runtime failures of the ports: worth a retry
     * @throws UncheckedIOException                         when local temporary files fail
     */
    public Outcome process(String bucket, String key) {
        if (!this.bucket.equals(bucket)) {
            LOG.warn("ignoring object in bucket {}: this processor serves {}", bucket, this.bucket);
            return Outcome.IGNORED;
        }
        Optional<Keys.OriginalKey> original = Keys.parseOriginal(key);
        if (original.isEmpty()) {
            LOG.info("ignoring {}: not an original", key);
            return Outcome.IGNORED;
        }
        Optional<Photo> photo = photos.get(original.get().owner(), original.get().photoId());
        if (photo.isEmpty()) {
            LOG.warn("deleting orphan object {}: no photo record owns it", key);
            objects.delete(key);
            return Outcome.ORPHAN_DELETED;
        }
        if (photo.get().status() != PhotoStatus.PENDING) {
            return settled(photo.get());
        }
        Path work = createWorkDir();
        try {
            return process(photo.get(), key, work);
        } catch (IOException e) {
            throw new UncheckedIOException("local files failed while processing " + key, e);
        } finally {
            deleteRecursively(work);
        }
    }

    private Outcome process(Photo photo, String key, Path work) throws IOException {
        Optional<InputStream> body = objects.open(key);
        if (body.isEmpty()) {
            LOG.info("{} is gone; nothing to do", key);
            return Outcome.GONE;
        }
        Path file = work.resolve("original");
        MessageDigest sha256 = sha256();
        long copied;
        try (InputStream in = body.get(); OutputStream out = Files.newOutputStream(file)) {
            copied = copy(in, out, sha256, photo.size() + 1);
        }
        if (copied != photo.size()) {
            return reject(photo, SIZE_MISMATCH);
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equalsIgnoreCase(photo.sha256())) {
            return reject(photo, SHA_MISMATCH);
        }
        Path thumbnails = Files.createDirectory(work.resolve("thumbnails"));
        ProcessedImage image;
        try {
            image = images.process(file, thumbnails, photo.contentType());
        } catch (ImageRejectedException e) {
            LOG.debug("decoder detail for {}", key, e);
            return reject(photo, e.reason());
        }
        return ready(photo, image);
    }

    private Outcome ready(Photo photo, ProcessedImage image) {
        for (Thumbnail thumbnail : image.thumbnails()) {
            objects.put(Keys.thumbnail(photo.owner(), photo.photoId(), thumbnail.size()), thumbnail.file(),
                    THUMBNAIL_TYPE);
        }
        Set<Integer> made = image.thumbnails().stream().map(Thumbnail::size).collect(Collectors.toSet());
        deleteThumbnails(photo, size -> !made.contains(size));
        Optional<Photo> current = photos.get(photo.owner(), photo.photoId());
        List<Integer> sizes = made.stream().sorted().collect(Collectors.toList());
        if (current.isEmpty() || current.get().status() != PhotoStatus.PENDING
                || !photos.update(current.get().ready(image.contentType(), image.width(), image.height(),
                image.takenAt(), image.camera(), sizes, image.metadata(), clock.instant()), PhotoStatus.PENDING)) {
            return lostTheRace(photo);
        }
        LOG.info("photo {}/{} READY: {} {}x{}, thumbnails {}{}", photo.owner(), photo.photoId(),
                image.contentType(), image.width(), image.height(), sizes,
                image.metadata().note() == null ? "" : " (" + image.metadata().note() + ")");
        return Outcome.READY;
    }

    /** The record goes first: if deleting the bytes then fails, the retry finds them and rejects again. */
    private Outcome reject(Photo photo, String reason) {
        Optional<Photo> current = photos.get(photo.owner(), photo.photoId());
        if (current.isEmpty() || current.get().status() != PhotoStatus.PENDING
                || !photos.update(current.get().rejected(reason, clock.instant()), PhotoStatus.PENDING)) {
            return lostTheRace(photo);
        }
        objects.delete(photo.originalKey());
        deleteThumbnails(photo, size -> true);
        LOG.info("photo {}/{} REJECTED: {}", photo.owner(), photo.photoId(), reason);
        return Outcome.REJECTED;
    }

    /**
     * The conditional write found the record gone or no longer PENDING: either the owner deleted it meanwhile, or
     * another delivery of the same event settled it first (its objects are the ones this delivery made too).
     */
    private Outcome lostTheRace(Photo photo) {
        return photos.get(photo.owner(), photo.photoId()).map(this::settled).orElseGet(() -> deletedMeanwhile(photo));
    }

    private Outcome settled(Photo photo) {
        if (photo.status() == PhotoStatus.REJECTED) {
            objects.delete(photo.originalKey());
        }
        LOG.info("photo {}/{} is already {}; the event changes nothing", photo.owner(), photo.photoId(),
                photo.status());
        return Outcome.SETTLED;
    }

    /** The owner deleted the photo while it was processed: nothing of it may outlive the record. */
    private Outcome deletedMeanwhile(Photo photo) {
        LOG.info("photo {}/{} was deleted while processing; removing its objects", photo.owner(), photo.photoId());
        objects.delete(photo.originalKey());
        deleteThumbnails(photo, size -> true);
        return Outcome.ORPHAN_DELETED;
    }

    private void deleteThumbnails(Photo photo, IntPredicate which) {
        Set<Integer> sizes = new TreeSet<>(thumbnailSizes);
        sizes.addAll(photo.thumbnailSizes());
        for (int size : sizes) {
            if (which.test(size)) {
                objects.delete(Keys.thumbnail(photo.owner(), photo.photoId(), size));
            }
        }
    }

    /** Copies at most {@code limit} bytes, digesting them on the way; returns how many were copied. */
    private static long copy(InputStream in, OutputStream out, MessageDigest digest, long limit) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        while (total < limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (n < 0) {
                break;
            }
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Path createWorkDir() {
        try {
            return tempRoot == null
                    ? Files.createTempDirectory("photo-processing-")
                    : Files.createTempDirectory(tempRoot, "photo-processing-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(ProcessingService::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("cannot clean up {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.toString());
        }
    }
}
