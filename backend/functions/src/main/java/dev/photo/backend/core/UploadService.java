package dev.photo.backend.core;

import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.backend.port.PresignedRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a batch of declared files into upload instructions: each entry is validated on its own, content the owner
 * already has costs no upload, and everything else gets a presigned PUT that only accepts exactly the declared
 * bytes.
 */
public final class UploadService {

    public static final int MAX_BATCH = 100;

    private final BackendConfig config;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final Clock clock;
    private final PhotoIds ids;

    public UploadService(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        this.config = config;
        this.photos = photos;
        this.objects = objects;
        this.clock = clock;
        this.ids = new PhotoIds(clock);
    }

    /** A file as the client declares it; any field may be missing or wrong. */
    public record DeclaredFile(String name, Long size, String contentType, String sha256) {
    }

    /** The answer for one entry: exactly one of an upload, a duplicate or a rejection. */
    public record Result(int index, String name, Outcome outcome, String photoId, PresignedRequest upload,
                         String errorCode, String errorMessage) {
    }

    public enum Outcome { UPLOAD, DUPLICATE, REJECTED }

    public List<Result> presign(String owner, String album, List<DeclaredFile> files) {
        String validAlbum = Validation.album(album);
        if (files == null || files.isEmpty()) {
            throw new BadRequestException("invalid_request", "files must list at least one file");
        }
        if (files.size() > MAX_BATCH) {
            throw new BadRequestException("too_many_files", "at most " + MAX_BATCH + " files per request");
        }
        Instant now = clock.instant();
        Map<String, String> idBySha = new HashMap<>();
        List<Result> results = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            DeclaredFile file = files.get(i);
            String displayName = file == null ? null : file.name();
            try {
                results.add(presignOne(owner, validAlbum, i, file, now, idBySha));
            } catch (ApiException e) {
                results.add(new Result(i, displayName, Outcome.REJECTED, null, null, e.code(), e.getMessage()));
            }
        }
        return results;
    }

    private Result presignOne(String owner, String album, int index, DeclaredFile file, Instant now,
                              Map<String, String> idBySha) {
        if (file == null) {
            throw new ApiException(400, "invalid_request", "file entry is missing");
        }
        String name = Validation.fileName(file.name());
        String type = Validation.contentType(file.contentType());
        long size = Validation.size(file.size(), config.maxUploadBytes());
        String sha = Validation.sha256(file.sha256());

        String sameInBatch = idBySha.get(sha);
        if (sameInBatch != null) {
            return duplicate(index, name, sameInBatch);
        }
        Optional<Photo> existing = photos.findBySha256(owner, sha);
        Photo photo;
        if (existing.isEmpty()) {
            photo = Photo.pending(owner, ids.next(), album, name, type, size, sha, now);
            try {
                photos.put(photo);
            } catch (ConflictException raced) {
                // another request recorded the same content between our read and write
                Photo winner = photos.findBySha256(owner, sha).orElseThrow(() -> raced);
                idBySha.put(sha, winner.photoId());
                return duplicate(index, name, winner.photoId());
            }
        } else if (alreadyHeld(existing.get())) {
            idBySha.put(sha, existing.get().photoId());
            return duplicate(index, name, existing.get().photoId());
        } else {
            // an earlier attempt never arrived or was rejected: same id, new attempt
            photo = existing.get().retried(album, name, type, now);
            photos.put(photo);
        }
        idBySha.put(sha, photo.photoId());
        PresignedRequest put = objects.presignPut(photo.originalKey(), size, type, sha, config.uploadUrlTtl());
        return new Result(index, name, Outcome.UPLOAD, photo.photoId(), put, null, null);
    }

    private boolean alreadyHeld(Photo photo) {
        return switch (photo.status()) {
            case READY -> true;
            case REJECTED -> false;
            case PENDING -> objects.head(photo.originalKey()).isPresent();
        };
    }

    private static Result duplicate(int index, String name, String photoId) {
        return new Result(index, name, Outcome.DUPLICATE, photoId, null, null, null);
    }
}
