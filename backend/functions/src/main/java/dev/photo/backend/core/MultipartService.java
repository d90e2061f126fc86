package dev.photo.backend.core;

import dev.photo.contract.ApiLimits;
import static dev.photo.contract.ApiLimits.MAX_PARTS;
import static dev.photo.contract.ApiLimits.MAX_PARTS_PER_CALL;
import static dev.photo.contract.ApiLimits.MAX_PART_BYTES;
import static dev.photo.contract.ApiLimits.MIN_PART_BYTES;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.NoSuchUploadException;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multipart uploads of large originals, driven by the server: it checks the client's part plan, starts the upload,
 * presigns parts in bounded batches (each part's length and SHA-256 signed), and completes or aborts it, so the
 * client only ever holds presigned part URLs. Every call names a photo of the caller's own; the upload id must be
 * one the store holds for that photo's key, so nobody can complete, extend or abort an upload of another photo.
 */
public final class MultipartService {

    private static final int MAX_UPLOAD_ID_LENGTH = 1024;

    private final BackendConfig config;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final MultipartUploads uploads;

    public MultipartService(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                            MultipartUploads uploads) {
        this.config = config;
        this.photos = photos;
        this.objects = objects;
        this.uploads = uploads;
    }

    /** A part of a plan as the client declares it, in file order; any field may be missing or wrong. */
    public record DeclaredPart(Long size, String sha256) {
    }

    /** A part the client asks a URL for; any field may be missing or wrong. */
    public record RequestedPart(Integer partNumber, Long size, String sha256) {
    }

    /** A part the client says it sent, with the ETag S3 answered its PUT with; any field may be missing. */
    public record SentPart(Integer partNumber, String etag) {
    }

    /** A validated part: number, exact length and lower-case hex SHA-256. */
    public record Part(int partNumber, long size, String sha256) {
    }

    public record PresignedPart(int partNumber, PresignedRequest request) {
    }

    /**
     * A started upload.
     *
     * @param parts URLs for the first {@link ApiLimits#MAX_PARTS_PER_CALL} parts at most; the rest through
     *              {@link #presignParts}
     */
    public record Plan(String uploadId, int partCount, List<PresignedPart> parts) {
    }

    /**
     * URLs for the parts asked for, and what the store already holds for the upload.
     *
     * @param uploaded by ascending part number
     */
    public record PartUrls(String uploadId, List<PresignedPart> parts, List<UploadedPart> uploaded) {
    }

    /**
     * Checks a plan for a file of {@code size} bytes: 1 to {@link ApiLimits#MAX_PARTS} parts, each at most
     * {@link ApiLimits#MAX_PART_BYTES}, each but the last at least {@link ApiLimits#MIN_PART_BYTES}, summing to exactly {@code size}.
     *
     * @throws ApiException whose code names the broken rule; the caller rejects the entry with it
     */
    public static List<Part> validatePlan(long size, List<DeclaredPart> declared) {
        if (declared.isEmpty()) {
            throw new ApiException(400, "invalid_parts", "parts must list at least one part");
        }
        if (declared.size() > MAX_PARTS) {
            throw new ApiException(400, "too_many_parts", "a file has at most " + MAX_PARTS + " parts; "
                    + declared.size() + " were declared");
        }
        List<Part> parts = new ArrayList<>(declared.size());
        long total = 0;
        for (int i = 0; i < declared.size(); i++) {
            int number = i + 1;
            DeclaredPart d = declared.get(i);
            if (d == null) {
                throw new ApiException(400, "invalid_parts", "part " + number + " is missing");
            }
            long partSize = partSize(number, d.size());
            if (number < declared.size() && partSize < MIN_PART_BYTES) {
                throw new ApiException(400, "part_too_small", tooSmall(number, partSize));
            }
            parts.add(new Part(number, partSize, partSha256(number, d.sha256())));
            total += partSize;
        }
        if (total != size) {
            throw new ApiException(400, "parts_size_mismatch", sizeMismatch(total, size));
        }
        return List.copyOf(parts);
    }

    /** Starts the upload of a recorded photo's original and presigns its first parts. */
    public Plan start(Photo photo, List<Part> parts) {
        String uploadId = uploads.create(photo.originalKey(), photo.contentType());
        List<PresignedPart> first = presign(photo, uploadId, parts.subList(0, Math.min(parts.size(),
                MAX_PARTS_PER_CALL)));
        return new Plan(uploadId, parts.size(), first);
    }

    /**
     * URLs for more parts of an upload in progress (or fresh ones for parts whose URLs expired), and the parts the
     * store already holds, so that an interrupted client can resume where it stopped.
     */
    public PartUrls presignParts(String owner, String photoId, String uploadId, List<RequestedPart> requested) {
        Photo photo = find(owner, photoId);
        String id = uploadId(uploadId);
        List<Part> parts = requestedParts(photo, requested == null ? List.of() : requested);
        requirePending(photo);
        List<UploadedPart> held = held(photo, id);
        return new PartUrls(id, presign(photo, id, parts), held);
    }

    /**
     * Joins the parts into the photo's original. The parts named must be exactly 1..n, each held by the store with
     * the ETag given, adding up to the photo's declared size. Completing again after a success (a retry whose first
     * answer was lost) answers the photo as it is now: PENDING, READY or REJECTED (whose original is gone).
     *
     * @return the photo; its processing starts with the store's ObjectCreated event, as after a single PUT
     */
    public Photo complete(String owner, String photoId, String uploadId, List<SentPart> sent) {
        Photo photo = find(owner, photoId);
        String id = uploadId(uploadId);
        List<SentPart> claimed = sentParts(sent);
        List<UploadedPart> held;
        try {
            held = uploads.listParts(photo.originalKey(), id);
        } catch (NoSuchUploadException e) {
            // the upload is over: a repeat after its bytes arrived answers the photo, also once processing has
            // rejected them and deleted the original, as docs/api.md promises
            if (photo.status() != PhotoStatus.PENDING
                    || objects.head(photo.originalKey()).filter(o -> o.size() == photo.size()).isPresent()) {
                return photo;
            }
            throw noSuchUpload();
        }
        requirePending(photo);
        List<UploadedPart> joined = match(photo, claimed, held);
        try {
            uploads.complete(photo.originalKey(), id, joined);
        } catch (NoSuchUploadException e) {
            throw noSuchUpload();
        }
        return photo;
    }

    /**
     * Discards an upload and its parts. The photo stays PENDING with nothing stored: {@code POST /uploads} of the
     * same file starts again under the same photo id, {@code DELETE /photos/{id}} drops the record.
     */
    public void abort(String owner, String photoId, String uploadId) {
        Photo photo = find(owner, photoId);
        String id = uploadId(uploadId);
        held(photo, id);
        try {
            uploads.abort(photo.originalKey(), id);
        } catch (NoSuchUploadException e) {
            throw noSuchUpload();
        }
    }

    private List<PresignedPart> presign(Photo photo, String uploadId, List<Part> parts) {
        List<PresignedPart> out = new ArrayList<>(parts.size());
        for (Part p : parts) {
            out.add(new PresignedPart(p.partNumber(), uploads.presignPart(photo.originalKey(), uploadId,
                    p.partNumber(), p.size(), p.sha256(), config.uploadUrlTtl())));
        }
        return List.copyOf(out);
    }

    private List<UploadedPart> held(Photo photo, String uploadId) {
        try {
            return uploads.listParts(photo.originalKey(), uploadId);
        } catch (NoSuchUploadException e) {
            throw noSuchUpload();
        }
    }

    private static List<Part> requestedParts(Photo photo, List<RequestedPart> requested) {
        if (requested.size() > MAX_PARTS_PER_CALL) {
            throw new BadRequestException("too_many_parts", "at most " + MAX_PARTS_PER_CALL + " parts per request");
        }
        Set<Integer> seen = new HashSet<>();
        List<Part> parts = new ArrayList<>(requested.size());
        for (RequestedPart r : requested) {
            if (r == null || r.partNumber() == null || r.partNumber() < 1 || r.partNumber() > MAX_PARTS) {
                throw new BadRequestException("invalid_parts", "every part needs a partNumber from 1 to " + MAX_PARTS);
            }
            int number = r.partNumber();
            if (!seen.add(number)) {
                throw new BadRequestException("invalid_parts", "part " + number + " is asked for twice");
            }
            long size = partSize(number, r.size());
            if (size > photo.size()) {
                throw new BadRequestException("invalid_parts", "part " + number + " is larger than the file");
            }
            parts.add(new Part(number, size, partSha256(number, r.sha256())));
        }
        return parts;
    }

    private static List<SentPart> sentParts(List<SentPart> sent) {
        if (sent == null || sent.isEmpty()) {
            throw new BadRequestException("invalid_parts", "parts must list every part sent, from part 1");
        }
        if (sent.size() > MAX_PARTS) {
            throw new BadRequestException("too_many_parts", "a file has at most " + MAX_PARTS + " parts");
        }
        for (int i = 0; i < sent.size(); i++) {
            SentPart s = sent.get(i);
            if (s == null || s.partNumber() == null || s.partNumber() != i + 1) {
                throw new BadRequestException("invalid_parts", "parts must be numbered 1, 2, 3... in order; entry "
                        + (i + 1) + " is not part " + (i + 1));
            }
            if (s.etag() == null || s.etag().isBlank()) {
                throw new BadRequestException("invalid_parts", "part " + (i + 1) + " has no etag");
            }
        }
        return sent;
    }

    /** The store's own record of each claimed part; its checksums go into the completion, not the client's. */
    private static List<UploadedPart> match(Photo photo, List<SentPart> claimed, List<UploadedPart> held) {
        Map<Integer, UploadedPart> byNumber = new HashMap<>();
        held.forEach(p -> byNumber.put(p.partNumber(), p));
        List<UploadedPart> joined = new ArrayList<>(claimed.size());
        long total = 0;
        for (SentPart s : claimed) {
            UploadedPart h = byNumber.get(s.partNumber());
            if (h == null || !unquoted(h.etag()).equals(unquoted(s.etag()))) {
                throw new BadRequestException("part_mismatch", "part " + s.partNumber()
                        + (h == null ? " has not arrived" : " arrived with another etag")
                        + "; send it again (POST /uploads/{photoId}/parts lists what arrived)");
            }
            if (s.partNumber() < claimed.size() && h.size() < MIN_PART_BYTES) {
                throw new BadRequestException("part_too_small", tooSmall(s.partNumber(), h.size()));
            }
            joined.add(h);
            total += h.size();
        }
        if (total != photo.size()) {
            throw new BadRequestException("parts_size_mismatch", sizeMismatch(total, photo.size()));
        }
        return joined;
    }

    /** The declared plan and the parts that arrived break the same rules in the same words. */
    private static String tooSmall(int partNumber, long size) {
        return "part " + partNumber + " is " + size + " bytes; every part but the last must be at least "
                + MIN_PART_BYTES + " bytes";
    }

    private static String sizeMismatch(long total, long fileSize) {
        return "the parts add up to " + total + " bytes but the file is " + fileSize + " bytes";
    }

    private static long partSize(int number, Long size) {
        if (size == null || size < 1) {
            throw new ApiException(400, "invalid_parts", "part " + number + " has no size");
        }
        if (size > MAX_PART_BYTES) {
            throw new ApiException(400, "part_too_large", "part " + number + " is " + size
                    + " bytes; the limit is " + MAX_PART_BYTES + " bytes");
        }
        return size;
    }

    private static String partSha256(int number, String sha256) {
        try {
            return Validation.sha256(sha256);
        } catch (ApiException e) {
            throw new ApiException(400, e.code(), "part " + number + ": " + e.getMessage());
        }
    }

    private Photo find(String owner, String photoId) {
        return PhotoService.ownedPhoto(photos, owner, photoId);
    }

    private static void requirePending(Photo photo) {
        if (photo.status() != PhotoStatus.PENDING) {
            throw new ConflictException("photo " + photo.photoId() + " is " + photo.status()
                    + "; only a PENDING photo takes parts");
        }
    }

    /** A malformed id names no upload; only its absence is the caller's mistake in shape. */
    private static String uploadId(String uploadId) {
        if (uploadId == null || uploadId.isBlank()) {
            throw new BadRequestException("invalid_request", "uploadId is missing");
        }
        if (uploadId.length() > MAX_UPLOAD_ID_LENGTH || !uploadId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw noSuchUpload();
        }
        return uploadId;
    }

    private static ApiException noSuchUpload() {
        return new ApiException(404, "no_such_upload", "no such upload in progress for this photo");
    }

    private static String unquoted(String etag) {
        String t = etag.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
