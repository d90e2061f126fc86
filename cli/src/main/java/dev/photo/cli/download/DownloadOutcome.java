package dev.photo.cli.download;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.photo.cli.ExitCodes;

import java.util.Locale;

/**
 * What became of one photo of a download run; the JSON output lists these under the API's field names.
 *
 * @param fileName      the name the photo is stored under (the API's {@code fileName})
 * @param path          the local file, or {@code null} when the photo never got a name (no such id)
 * @param thumbnailSize the thumbnail's size, {@code null} for the original
 * @param size          bytes of the local file (downloaded or skipped)
 * @param sha256        the stored SHA-256 the original was checked against
 * @param reason        a short code: {@code replaced} (downloaded over a different file, with --force),
 *                      {@code same_sha256}, {@code same_bytes}, {@code not_ready}, {@code no_thumbnail},
 *                      {@code conflict}, {@code not_found}, {@code checksum_mismatch}, {@code transfer_failed},
 *                      {@code refused}, {@code local_error}
 * @param message       the reason for people
 * @param resumedFrom   bytes an earlier, interrupted run had stored and that were not fetched again
 * @param exitCode      the exit code a failure of only this kind would give
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DownloadOutcome(String photoId, String album, String fileName, String path, Integer thumbnailSize,
                              Status status, Long size, String sha256, String reason, String message,
                              Long resumedFrom, @JsonIgnore int exitCode) {

    /** How a photo ended. */
    public enum Status {
        DOWNLOADED, SKIPPED, CONFLICT, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static DownloadOutcome downloaded(DownloadItem item, String path, long size, String sha256, long resumedFrom,
                                      boolean replaced) {
        return new DownloadOutcome(item.photoId(), item.photo().album(), item.photo().fileName(), path,
                item.thumbnailSize(), Status.DOWNLOADED, size, sha256, replaced ? "replaced" : null,
                replaced ? "replaced a different local file (--force)" : null,
                resumedFrom > 0 ? resumedFrom : null, ExitCodes.OK);
    }

    static DownloadOutcome skipped(DownloadItem item, String path, Long size, String reason, String message) {
        return new DownloadOutcome(item.photoId(), item.photo().album(), item.photo().fileName(), path,
                item.thumbnailSize(), Status.SKIPPED, size, item.expectedSha256(), reason, message, null,
                ExitCodes.OK);
    }

    static DownloadOutcome conflict(DownloadItem item, String path, String message) {
        return new DownloadOutcome(item.photoId(), item.photo().album(), item.photo().fileName(), path,
                item.thumbnailSize(), Status.CONFLICT, null, item.expectedSha256(), "conflict", message, null,
                ExitCodes.CONFLICT);
    }

    static DownloadOutcome failed(DownloadItem item, String path, String reason, String message, int exitCode) {
        return new DownloadOutcome(item.photoId(), item.photo().album(), item.photo().fileName(), path,
                item.thumbnailSize(), Status.FAILED, null, item.expectedSha256(), reason, message, null, exitCode);
    }

    /** An id that could not even be looked up: it has no name, album or path. */
    static DownloadOutcome notFound(String photoId, Integer thumbnailSize, String reason, String message,
                                    int exitCode) {
        return new DownloadOutcome(photoId, null, null, null, thumbnailSize, Status.FAILED, null, null, reason,
                message, null, exitCode);
    }

    @JsonIgnore
    public boolean ok() {
        return status == Status.DOWNLOADED || status == Status.SKIPPED;
    }
}
