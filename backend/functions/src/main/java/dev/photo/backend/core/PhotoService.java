package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading, moving and deleting a caller's own photos and renaming their albums. Another owner's photo looks exactly like a missing one. */
public final class PhotoService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    /** Photos one rename call moves at most: each is a transaction on DynamoDB, well inside the 30 s limit. */
    public static final int RENAME_STEP = 200;

    private final BackendConfig config;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final MultipartUploads multipart;
    private final Clock clock;

    public PhotoService(BackendConfig config, PhotoRepository photos, ObjectStore objects, MultipartUploads multipart,
                        Clock clock) {
        this.config = config;
        this.photos = photos;
        this.objects = objects;
        this.multipart = multipart;
        this.clock = clock;
    }

    /** A photo with presigned GET URLs; {@code original} is null unless the photo is READY. */
    public record PhotoWithDownloads(Photo photo, URI original, Map<Integer, URI> thumbnails, Instant expiresAt) {
    }

    public Page<Photo> list(String owner, String album, Integer limit, String cursor) {
        return list(owner, album, PhotoFilter.NONE, limit, cursor);
    }

    public Page<Photo> list(String owner, String album, PhotoFilter filter, Integer limit, String cursor) {
        String validAlbum = album == null ? null : Validation.album(album);
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new BadRequestException("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return photos.list(owner, validAlbum, filter, n, cursor);
    }

    /**
     * Moves one of the owner's photos to another album. Only the record changes: object keys hold no album, so
     * the original and thumbnails stay where they are.
     */
    public Photo move(String owner, String photoId, String album) {
        if (album == null) {
            throw new BadRequestException("invalid_request", "\"album\" is required");
        }
        String validAlbum = Validation.album(album);
        Photo photo = find(owner, photoId);
        return photos.move(owner, photo.photoId(), validAlbum)
                .orElseThrow(() -> new NotFoundException("no photo " + printableId(photoId)));
    }

    /**
     * One step of renaming album {@code from} to {@code to}: moves at most {@link #RENAME_STEP} photos, so a step
     * on a big album fits in the API's time limit. An existing album {@code to} receives them (the two merge); a
     * rename cut short is finished by calling again.
     *
     * @throws NotFoundException if the owner has no photo in {@code from} (also once a rename has finished)
     */
    public AlbumRename renameAlbum(String owner, String from, String to) {
        String validFrom = Validation.album(from);
        if (to == null) {
            throw new BadRequestException("invalid_request", "\"to\" is required");
        }
        String validTo = Validation.album(to);
        if (validFrom.equals(validTo)) {
            throw new BadRequestException("invalid_request", "the new name is the album's own name");
        }
        if (photos.list(owner, validFrom, 1, null).items().isEmpty()) {
            throw new NotFoundException("no album " + validFrom);
        }
        return photos.renameAlbum(owner, validFrom, validTo, RENAME_STEP);
    }

    public PhotoWithDownloads get(String owner, String photoId) {
        Photo photo = find(owner, photoId);
        Instant expiresAt = clock.instant().plus(config.downloadUrlTtl());
        URI original = photo.status() == PhotoStatus.READY
                ? objects.presignGet(photo.originalKey(), photo.fileName(), config.downloadUrlTtl())
                : null;
        Map<Integer, URI> thumbnails = new LinkedHashMap<>();
        for (int size : photo.thumbnailSizes()) {
            thumbnails.put(size, objects.presignGet(Keys.thumbnail(owner, photo.photoId(), size),
                    thumbnailName(photo.fileName(), size), config.downloadUrlTtl()));
        }
        return new PhotoWithDownloads(photo, original, thumbnails, expiresAt);
    }

    /**
     * Deletes the bytes first, then the record, so a failure part-way leaves a record to retry the delete with.
     * Unfinished multipart uploads of the original go too: their parts are stored (and billed) until aborted.
     */
    public void delete(String owner, String photoId) {
        Photo photo = find(owner, photoId);
        if (photo.status() == PhotoStatus.PENDING) {
            multipart.abortAll(photo.originalKey());
        }
        objects.delete(photo.originalKey());
        // the sizes configured now and those the record names: a size dropped from the settings since the photo
        // was processed still has its object
        Set<Integer> sizes = new TreeSet<>(config.thumbnailSizes());
        sizes.addAll(photo.thumbnailSizes());
        for (int size : sizes) {
            objects.delete(Keys.thumbnail(owner, photo.photoId(), size));
        }
        photos.delete(owner, photo.photoId());
    }

    public List<AlbumSummary> albums(String owner) {
        return photos.albums(owner);
    }

    private Photo find(String owner, String photoId) {
        return ownedPhoto(photos, owner, photoId);
    }

    /** A malformed id, a missing photo and another owner's photo all give the caller the same 404. */
    static Photo ownedPhoto(PhotoRepository photos, String owner, String photoId) {
        return Validation.photoId(photoId)
                .flatMap(id -> photos.get(owner, id))
                .orElseThrow(() -> new NotFoundException("no photo " + printableId(photoId)));
    }

    private static String printableId(String id) {
        return Validation.photoId(id).orElse("with that id");
    }

    /** {@code IMG_1.jpeg} becomes {@code IMG_1-256.jpg}: thumbnails are always JPEG. */
    static String thumbnailName(String fileName, int size) {
        int dot = fileName.lastIndexOf('.');
        String base = dot > 0 ? fileName.substring(0, dot) : fileName;
        return base + "-" + size + ".jpg";
    }
}
