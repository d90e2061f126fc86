package dev.photo.backend.handler;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.MultipartService;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoService;
import dev.photo.backend.core.UploadService;
import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of docs/api.md, and the one mapper that writes them. Core types never see Jackson. */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ApiJson() {
    }

    /** {@code dryRun}: judge the entries without recording or presigning anything. */
    record UploadBatch(String album, List<UploadService.DeclaredFile> files, Boolean dryRun) {

        boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    record ErrorBody(ErrorDetail error) {
        static ErrorBody of(String code, String message) {
            return new ErrorBody(new ErrorDetail(code, message));
        }
    }

    record ErrorDetail(String code, String message) {
    }

    record ConfigBody(String region, String userPoolId, String clientId, URI cognitoEndpoint, long maxUploadBytes,
                      int maxBatch, long maxMultipartBytes, long minPartBytes, long maxPartBytes, int maxParts,
                      int maxPartsPerRequest, long multipartThresholdBytes, long partBytes) {
    }

    record UploadResults(List<UploadResultBody> results) {
    }

    record UploadResultBody(int index, String name, String status, String photoId, UploadBody upload,
                            ErrorDetail error, @JsonInclude(JsonInclude.Include.NON_NULL) MultipartBody multipart) {

        static UploadResultBody of(UploadService.Result r) {
            return new UploadResultBody(r.index(), r.name(), r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    r.photoId(), r.upload() == null ? null : UploadBody.of(r.upload()),
                    r.errorCode() == null ? null : new ErrorDetail(r.errorCode(), r.errorMessage()),
                    r.multipart() == null ? null : MultipartBody.of(r.multipart()));
        }
    }

    record MultipartBody(String uploadId, int partCount, List<PartUrlBody> parts) {
        static MultipartBody of(MultipartService.Plan plan) {
            return new MultipartBody(plan.uploadId(), plan.partCount(), PartUrlBody.of(plan.parts()));
        }
    }

    record PartUrlBody(int partNumber, String method, URI url, Map<String, String> headers, Instant expiresAt) {
        static List<PartUrlBody> of(List<MultipartService.PresignedPart> parts) {
            return parts.stream().map(p -> new PartUrlBody(p.partNumber(), p.request().method(), p.request().url(),
                    p.request().headers(), p.request().expiresAt())).toList();
        }
    }

    record PartsRequest(String uploadId, List<MultipartService.RequestedPart> parts) {
    }

    record PartsResponse(String photoId, String uploadId, List<PartUrlBody> parts, List<UploadedPartBody> uploaded) {
        static PartsResponse of(String photoId, MultipartService.PartUrls urls) {
            return new PartsResponse(photoId, urls.uploadId(), PartUrlBody.of(urls.parts()),
                    urls.uploaded().stream().map(UploadedPartBody::of).toList());
        }
    }

    record UploadedPartBody(int partNumber, String etag, long size) {
        static UploadedPartBody of(UploadedPart p) {
            return new UploadedPartBody(p.partNumber(), p.etag(), p.size());
        }
    }

    record CompleteRequest(String uploadId, List<MultipartService.SentPart> parts) {
    }

    record CompleteResponse(String photoId, String status) {
    }

    record UploadBody(String method, URI url, Map<String, String> headers, Instant expiresAt) {
        static UploadBody of(PresignedRequest p) {
            return new UploadBody(p.method(), p.url(), p.headers(), p.expiresAt());
        }
    }

    record PhotoBody(String photoId, String album, String fileName, String contentType, long size, String sha256,
                     String status, Instant uploadedAt, Instant processedAt, Integer width, Integer height,
                     Instant takenAt, String camera, List<Integer> thumbnails, String error,
                     ImageMetadata details) {

        /** The whole record, GPS included: only for the owner's single-photo view. */
        static PhotoBody of(Photo p) {
            return new PhotoBody(p.photoId(), p.album(), p.fileName(), p.contentType(), p.size(), p.sha256(),
                    p.status().name(), p.uploadedAt(), p.processedAt(), p.width(), p.height(), p.takenAt(),
                    p.camera(), p.thumbnailSizes(), p.error(), p.details());
        }

        /** As a listing shows it: never the location. */
        static PhotoBody listed(Photo p) {
            return of(p.withoutGps());
        }
    }

    record PhotoPage(List<PhotoBody> photos, String nextCursor) {
    }

    record PhotoDetail(PhotoBody photo, Downloads downloads, Instant expiresAt) {
        static PhotoDetail of(PhotoService.PhotoWithDownloads d) {
            Map<String, URI> thumbs = new LinkedHashMap<>();
            d.thumbnails().forEach((size, url) -> thumbs.put(Integer.toString(size), url));
            return new PhotoDetail(PhotoBody.of(d.photo()), new Downloads(d.original(), thumbs), d.expiresAt());
        }
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Downloads(URI original, Map<String, URI> thumbnails) {
    }

    record Albums(List<AlbumSummary> albums) {
    }
}
