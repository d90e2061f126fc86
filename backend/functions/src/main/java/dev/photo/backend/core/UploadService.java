package dev.photo.backend.core;

import dev.photo.contract.ApiLimits;
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
 * bytes, or, for a file declared with a part plan, a multipart upload whose part URLs do the same per part.
 * A dry run judges every entry the same way but changes nothing: no record, no presigned URL, no multipart upload.
 */
public final class UploadService {

    private final BackendConfig config;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final MultipartService multipart;
    private final Clock clock;
    private final PhotoIds ids;

    public UploadService(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                         MultipartService multipart, Clock clock) {
        this.config = config;
        this.photos = photos;
        this.objects = objects;
        this.multipart = multipart;
        this.clock = clock;
        this.ids = new PhotoIds(clock);
    }

    /**
     * A file as the client declares it; any field may be missing or wrong.
     *
     * @param parts null for a single PUT; otherwise the multipart plan, in file order
     */
    public record DeclaredFile(String name, Long size, String contentType, String sha256,
                               List<MultipartService.DeclaredPart> parts) {

        /** A file sent with one PUT. */
        public DeclaredFile(String name, Long size, String contentType, String sha256) {
            this(name, size, contentType, sha256, null);
        }
    }

    /** The answer for one entry: exactly one of an upload, a multipart plan, a duplicate or a rejection. */
    public record Result(int index, String name, Outcome outcome, String photoId, PresignedRequest upload,
                         String errorCode, String errorMessage, MultipartService.Plan multipart) {
    }

    public enum Outcome { UPLOAD, MULTIPART, DUPLICATE, REJECTED }

    /** Judges and records the batch, presigning what must be sent. */
    public List<Result> presign(String owner, String album, List<DeclaredFile> files) {
        return judge(owner, album, files, false);
    }

    /**
     * Judges the batch exactly as {@link #presign} would, with no change anywhere: an entry that would be sent is
     * answered {@link Outcome#UPLOAD} without a URL or plan, and with the id of the photo it would reuse, if any.
     */
    public List<Result> dryRun(String owner, String album, List<DeclaredFile> files) {
        return judge(owner, album, files, true);
    }

    private List<Result> judge(String owner, String album, List<DeclaredFile> files, boolean dryRun) {
        String validAlbum = Validation.album(album);
        if (files == null || files.isEmpty()) {
            throw new BadRequestException("invalid_request", "files must list at least one file");
        }
        if (files.size() > ApiLimits.MAX_BATCH) {
            throw new BadRequestException("too_many_files", "at most " + ApiLimits.MAX_BATCH + " files per request");
        }
        Instant now = clock.instant();
        // null values: content first seen in this dry run, which has no id yet
        Map<String, String> idBySha = new HashMap<>();
        List<Result> results = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            DeclaredFile file = files.get(i);
            String displayName = file == null ? null : file.name();
            try {
                results.add(judgeOne(owner, validAlbum, i, file, now, idBySha, dryRun));
            } catch (ApiException e) {
                results.add(new Result(i, displayName, Outcome.REJECTED, null, null, e.code(), e.getMessage(),
                        null));
            }
        }
        return results;
    }

    private Result judgeOne(String owner, String album, int index, DeclaredFile file, Instant now,
                            Map<String, String> idBySha, boolean dryRun) {
        if (file == null) {
            throw new ApiException(400, "invalid_request", "file entry is missing");
        }
        String name = Validation.fileName(file.name());
        String type = Validation.contentType(file.contentType());
        long size = file.parts() == null
                ? singlePutSize(file.size())
                : Validation.size(file.size(), config.maxMultipartBytes());
        String sha = Validation.sha256(file.sha256());
        List<MultipartService.Part> plan = file.parts() == null ? null
                : MultipartService.validatePlan(size, file.parts());

        if (idBySha.containsKey(sha)) {
            return duplicate(index, name, idBySha.get(sha));
        }
        Optional<Photo> existing = photos.findBySha256(owner, sha);
        if (existing.isPresent() && alreadyHeld(existing.get())) {
            idBySha.put(sha, existing.get().photoId());
            return duplicate(index, name, existing.get().photoId());
        }
        if (dryRun) {
            // a later entry with the same content is a duplicate of this one, as it would be for real
            String reused = existing.map(Photo::photoId).orElse(null);
            idBySha.put(sha, reused);
            return new Result(index, name, Outcome.UPLOAD, reused, null, null, null, null);
        }
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
        } else {
            // an earlier attempt never arrived or was rejected: same id, new attempt
            photo = existing.get().retried(album, name, type, now);
            if (!photos.update(photo, existing.get().status())) {
                throw new ConflictException("the photo with this content changed while this request ran;"
                        + " send the file again");
            }
        }
        idBySha.put(sha, photo.photoId());
        if (plan != null) {
            return new Result(index, name, Outcome.MULTIPART, photo.photoId(), null, null, null,
                    multipart.start(photo, plan));
        }
        PresignedRequest put = objects.presignPut(photo.originalKey(), size, type, sha, config.uploadUrlTtl());
        return new Result(index, name, Outcome.UPLOAD, photo.photoId(), put, null, null, null);
    }

    /** A file too large for one PUT but not for parts is told how to send it. */
    private long singlePutSize(Long size) {
        if (size != null && size > config.maxUploadBytes() && size <= config.maxMultipartBytes()) {
            throw new ApiException(400, "too_large", "file is " + size + " bytes; one PUT takes at most "
                    + config.maxUploadBytes() + " bytes: declare \"parts\" to send it as a multipart upload");
        }
        return Validation.size(size, config.maxUploadBytes());
    }

    private boolean alreadyHeld(Photo photo) {
        return switch (photo.status()) {
            case READY -> true;
            case REJECTED -> false;
            case PENDING -> objects.head(photo.originalKey()).isPresent();
        };
    }

    private static Result duplicate(int index, String name, String photoId) {
        return new Result(index, name, Outcome.DUPLICATE, photoId, null, null, null, null);
    }
}
