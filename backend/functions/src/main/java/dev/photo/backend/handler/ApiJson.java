package dev.photo.backend.handler;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.MultipartService;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoService;
import dev.photo.backend.core.UploadService;
import dev.photo.backend.core.image.ImageMetadata;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;
import dev.photo.contract.AlbumInfo;
import dev.photo.contract.ApiError;
import dev.photo.contract.CompleteRequest;
import dev.photo.contract.Downloads;
import dev.photo.contract.MultipartPlan;
import dev.photo.contract.PartUpload;
import dev.photo.contract.PartsRequest;
import dev.photo.contract.PartsResponse;
import dev.photo.contract.PhotoDetails;
import dev.photo.contract.PhotoInfo;
import dev.photo.contract.PhotoMetadata;
import dev.photo.contract.PresignedUpload;
import dev.photo.contract.UploadFileRequest;
import dev.photo.contract.UploadResult;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one mapper that reads and writes the contract's records (dev.photo.contract), and the conversions between
 * them and the core's types. Core types never see Jackson.
 */
final class ApiJson {

    /**
     * Strict about types: a number where text belongs, text or a fraction where a number belongs, anything but
     * {@code true}/{@code false} for a boolean, all fail, so that a client's mistake is a 400 and not a guess.
     * Unknown fields are ignored (docs/api.md: clients may send fields a later version knows).
     */
    static final ObjectMapper MAPPER = strict(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    private ApiJson() {
    }

    /** Scalar coercion off covers text to number or boolean; this covers numbers and booleans read as text. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    static UploadService.DeclaredFile declared(UploadFileRequest f) {
        if (f == null) {
            return null;
        }
        List<MultipartService.DeclaredPart> parts = f.parts() == null ? null : f.parts().stream()
                .map(p -> p == null ? null : new MultipartService.DeclaredPart(p.size(), p.sha256())).toList();
        return new UploadService.DeclaredFile(f.name(), f.size(), f.contentType(), f.sha256(), parts);
    }

    static List<MultipartService.RequestedPart> requested(PartsRequest request) {
        return request.parts() == null ? null : request.parts().stream()
                .map(p -> p == null ? null : new MultipartService.RequestedPart(p.partNumber(), p.size(), p.sha256()))
                .toList();
    }

    static List<MultipartService.SentPart> sent(CompleteRequest request) {
        return request.parts() == null ? null : request.parts().stream()
                .map(p -> p == null ? null : new MultipartService.SentPart(p.partNumber(), p.etag())).toList();
    }

    static UploadResult result(UploadService.Result r) {
        return new UploadResult(r.index(), r.name(), r.outcome().name().toLowerCase(Locale.ROOT), r.photoId(),
                r.upload() == null ? null : presigned(r.upload()),
                r.errorCode() == null ? null : new ApiError(r.errorCode(), r.errorMessage()),
                r.multipart() == null ? null : new MultipartPlan(r.multipart().uploadId(), r.multipart().partCount(),
                        partUploads(r.multipart().parts())));
    }

    static PresignedUpload presigned(PresignedRequest p) {
        return new PresignedUpload(p.method(), text(p.url()), p.headers(), text(p.expiresAt()));
    }

    static List<PartUpload> partUploads(List<MultipartService.PresignedPart> parts) {
        return parts.stream().map(p -> new PartUpload(p.partNumber(), p.request().method(), text(p.request().url()),
                p.request().headers(), text(p.request().expiresAt()))).toList();
    }

    static PartsResponse parts(String photoId, MultipartService.PartUrls urls) {
        return new PartsResponse(photoId, urls.uploadId(), partUploads(urls.parts()),
                urls.uploaded().stream().map(ApiJson::held).toList());
    }

    private static PartsResponse.HeldPart held(UploadedPart p) {
        return new PartsResponse.HeldPart(p.partNumber(), p.etag(), p.size());
    }

    /** The whole record, GPS included: only for the owner's single-photo view. */
    static PhotoInfo photo(Photo p) {
        return new PhotoInfo(p.photoId(), p.album(), p.fileName(), p.contentType(), p.size(), p.sha256(),
                p.status().name(), text(p.uploadedAt()), text(p.processedAt()), p.width(), p.height(),
                text(p.takenAt()), p.camera(), p.thumbnailSizes(), p.error(), metadata(p.details()));
    }

    /** As a listing shows it: never the location. */
    static PhotoInfo listed(Photo p) {
        return photo(p.withoutGps());
    }

    private static PhotoMetadata metadata(ImageMetadata m) {
        if (m == null) {
            return null;
        }
        ImageMetadata.Exposure e = m.exposure();
        ImageMetadata.Gps g = m.gps();
        return new PhotoMetadata(m.takenAtSource() == null ? null : m.takenAtSource().name(), m.takenAtOffset(),
                m.lens(), e == null ? null : new PhotoMetadata.Exposure(e.exposureTime(), e.fNumber(), e.iso(),
                e.focalLength()), g == null ? null : new PhotoMetadata.Gps(g.latitude(), g.longitude(), g.altitude()),
                m.note());
    }

    static PhotoDetails details(PhotoService.PhotoWithDownloads d) {
        Map<String, String> thumbs = new LinkedHashMap<>();
        d.thumbnails().forEach((size, url) -> thumbs.put(Integer.toString(size), url.toString()));
        return new PhotoDetails(photo(d.photo()), new Downloads(text(d.original()), thumbs), text(d.expiresAt()));
    }

    static AlbumInfo album(AlbumSummary a) {
        return new AlbumInfo(a.name(), a.count(), a.bytes(), text(a.latestUploadAt()));
    }

    /** ISO-8601 as Jackson's JavaTimeModule writes it, which is {@link Instant#toString()}. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(URI uri) {
        return Objects.toString(uri, null);
    }
}
