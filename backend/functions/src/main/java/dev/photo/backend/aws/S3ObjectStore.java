package dev.photo.backend.aws;

import dev.photo.backend.port.MultipartUploads;
import dev.photo.backend.port.NoSuchUploadException;
import dev.photo.backend.port.ObjectInfo;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.ObjectStoreException;
import dev.photo.backend.port.PresignedRequest;
import dev.photo.backend.port.UploadedPart;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@link ObjectStore} and {@link MultipartUploads} on S3 through the AWS SDK v2; the local stack points the same
 * adapter at its embedded S3-compatible server.
 */
public final class S3ObjectStore implements ObjectStore, MultipartUploads {

    private static final String NO_SUCH_UPLOAD = "NoSuchUpload";
    private static final String NO_SUCH_KEY = "NoSuchKey";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ObjectStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** For the default AWS credential chain and region (the Lambda environment). */
    public static S3ObjectStore forAws(String region, String bucket) {
        Region r = Region.of(region);
        S3Client s3 = S3Client.builder()
                .region(r)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        S3Presigner presigner = S3Presigner.builder().region(r).build();
        return new S3ObjectStore(s3, presigner, bucket);
    }

    /**
     * For an S3-compatible server at {@code endpoint} with path-style addressing and static keys. Checksums are
     * only sent where an operation requires them: S3-compatible servers differ in which flexible-checksum headers
     * they understand.
     */
    public static S3ObjectStore forEndpoint(URI endpoint, String region, String accessKey, String secretKey,
                                            String bucket) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(true).build();
        S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .serviceConfiguration(pathStyle)
                .build();
        return new S3ObjectStore(s3, presigner, bucket);
    }

    @Override
    public PresignedRequest presignPut(String key, long contentLength, String contentType, String sha256Hex,
                                       Duration ttl) {
        String checksum = base64(sha256Hex);
        PutObjectRequest put = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentLength(contentLength)
                .contentType(contentType)
                .checksumSHA256(checksum)
                .ifNoneMatch("*")
                .build();
        try {
            PresignedPutObjectRequest presigned = presigner.presignPutObject(b -> b
                    .signatureDuration(ttl)
                    .putObjectRequest(put));
            return presignedPut(presigned);
        } catch (SdkException | URISyntaxException e) {
            throw new ObjectStoreException("presign PUT failed", e);
        }
    }

    @Override
    public URI presignGet(String key, String downloadFileName, Duration ttl) {
        GetObjectRequest get = GetObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .responseContentDisposition(ContentDisposition.attachment(downloadFileName))
                .build();
        try {
            PresignedGetObjectRequest presigned = presigner.presignGetObject(b -> b
                    .signatureDuration(ttl)
                    .getObjectRequest(get));
            return presigned.url().toURI();
        } catch (SdkException | URISyntaxException e) {
            throw new ObjectStoreException("presign GET failed", e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.contentType()));
        } catch (SdkException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw new ObjectStoreException("HEAD failed", e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(bucket).key(key)));
        } catch (SdkException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw new ObjectStoreException("GET failed", e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new ObjectStoreException("PUT failed", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // already gone: deleting is idempotent
        } catch (SdkException e) {
            throw new ObjectStoreException("DELETE failed", e);
        }
    }

    @Override
    public String create(String key, String contentType) {
        try {
            return s3.createMultipartUpload(b -> b
                    .bucket(bucket)
                    .key(key)
                    .contentType(contentType)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        } catch (SdkException e) {
            throw new ObjectStoreException("CreateMultipartUpload failed", e);
        }
    }

    @Override
    public PresignedRequest presignPart(String key, String uploadId, int partNumber, long length, String sha256Hex,
                                        Duration ttl) {
        UploadPartRequest part = UploadPartRequest.builder()
                .bucket(bucket)
                .key(key)
                .uploadId(uploadId)
                .partNumber(partNumber)
                .contentLength(length)
                .checksumSHA256(base64(sha256Hex))
                .build();
        try {
            PresignedUploadPartRequest presigned = presigner.presignUploadPart(b -> b
                    .signatureDuration(ttl)
                    .uploadPartRequest(part));
            return presignedPut(presigned);
        } catch (SdkException | URISyntaxException e) {
            throw new ObjectStoreException("presign UploadPart failed", e);
        }
    }

    /**
     * S3 answers NoSuchUpload for an id it does not hold for this key. Some S3-compatible servers (S3Proxy on a
     * filesystem store) answer an empty list instead, so an empty answer is confirmed against the uploads in
     * progress for the key. Such servers also store parts sent with any id, so a non-empty answer is trusted only
     * because part URLs are presigned after this check, never for an id it refused.
     */
    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        List<UploadedPart> parts = heldParts(key, uploadId);
        if (parts.isEmpty() && !inProgress(key, uploadId)) {
            throw new NoSuchUploadException("ListParts: no such upload", null);
        }
        return parts;
    }

    private List<UploadedPart> heldParts(String key, String uploadId) {
        try {
            List<UploadedPart> parts = new ArrayList<>();
            s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts().forEach(p ->
                    parts.add(new UploadedPart(p.partNumber(), p.eTag(), p.size(), p.checksumSHA256())));
            return List.copyOf(parts);
        } catch (SdkException e) {
            throw multipartFailure("ListParts", e);
        }
    }

    private boolean inProgress(String key, String uploadId) {
        return openUploadIds(key, ids -> ids.anyMatch(uploadId::equals));
    }

    /**
     * Hands the ids of the uploads in progress for exactly {@code key} (the listing is by prefix) to {@code use}
     * inside the failure handling: the pages are fetched lazily, while {@code use} reads them.
     */
    private <T> T openUploadIds(String key, Function<Stream<String>, T> use) {
        try {
            return use.apply(s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                    .filter(u -> key.equals(u.key()))
                    .map(MultipartUpload::uploadId));
        } catch (SdkException e) {
            throw new ObjectStoreException("ListMultipartUploads failed", e);
        }
    }

    @Override
    public void complete(String key, String uploadId, List<UploadedPart> parts) {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder()
                        .partNumber(p.partNumber())
                        .eTag(p.etag())
                        .checksumSHA256(p.checksumSha256())
                        .build())
                .toList();
        try {
            s3.completeMultipartUpload(b -> b
                    .bucket(bucket)
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (SdkException e) {
            throw multipartFailure("CompleteMultipartUpload", e);
        }
    }

    @Override
    public void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            throw multipartFailure("AbortMultipartUpload", e);
        }
    }

    @Override
    public void abortAll(String key) {
        for (String uploadId : openUploadIds(key, Stream::toList)) {
            try {
                abort(key, uploadId);
            } catch (NoSuchUploadException alreadyGone) {
                // completed or aborted since the listing: nothing left to discard
            }
        }
    }

    /** Creates the bucket if it does not exist yet (local stack start-up; production buckets come from SAM). */
    public void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new ObjectStoreException("HEAD bucket failed", e);
            }
            s3.createBucket(b -> b.bucket(bucket));
        } catch (SdkException e) {
            throw new ObjectStoreException("HEAD bucket failed", e);
        }
    }

    /** A HEAD answer has no body to name NoSuchKey, so a bare 404 counts as missing too. */
    private static boolean notFound(SdkException e) {
        return e instanceof NoSuchKeyException || e instanceof S3Exception s3e && s3e.statusCode() == 404;
    }

    private static PresignedRequest presignedPut(software.amazon.awssdk.awscore.presigner.PresignedRequest presigned)
            throws URISyntaxException {
        return new PresignedRequest("PUT", presigned.url().toURI(), singleValued(presigned.signedHeaders()),
                presigned.expiration());
    }

    private static RuntimeException multipartFailure(String operation, SdkException e) {
        if (e instanceof software.amazon.awssdk.services.s3.model.NoSuchUploadException
                || e instanceof NoSuchKeyException
                || e instanceof S3Exception s3e && isNoSuchUpload(s3e)) {
            return new NoSuchUploadException(operation + ": no such upload", e);
        }
        return new ObjectStoreException(operation + " failed", e);
    }

    /** S3Proxy answers NoSuchKey where S3 answers NoSuchUpload (completing an unknown upload). */
    private static boolean isNoSuchUpload(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return NO_SUCH_UPLOAD.equals(code) || NO_SUCH_KEY.equals(code);
    }

    private static String base64(String sha256Hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }

    private static Map<String, String> singleValued(Map<String, List<String>> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                out.put(name, String.join(",", values));
            }
        });
        return out;
    }
}
