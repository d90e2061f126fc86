package dev.photo.local.s3;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shows the filesystem store as S3 would: only stored objects. jclouds' filesystem store lists the directories it
 * creates for keys with slashes ({@code originals/}, {@code originals/SUB/}) as objects of 4096 bytes with no ETag
 * and answers HEAD on them, which breaks third-party tools ({@code aws s3 sync} fails with "Not a directory").
 * Recursive listings drop them, and S3Proxy's stubs of multipart uploads in progress; listings with a delimiter
 * keep directories, where they are the common prefixes they stand for; a read of a directory's key finds nothing.
 */
public final class ObjectsOnlyBlobStore extends ForwardingBlobStore {

    private static final Pattern UPLOAD_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ObjectsOnlyBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        PageSet<? extends StorageMetadata> page = super.list(container, options);
        boolean prefixesWanted = options.getDelimiter() != null || !options.isRecursive();
        List<StorageMetadata> objects = page.stream()
                .filter(m -> m.getType() == StorageType.BLOB ? !isUploadStub(m) : prefixesWanted)
                .map(StorageMetadata.class::cast)
                .toList();
        // the marker still names the last entry the store looked at, so paging goes on where it stopped
        return new PageSetImpl<>(objects, page.getNextMarker());
    }

    /**
     * S3Proxy keeps, for each multipart upload in progress on this store, an empty object named by the upload id
     * at the top of the bucket (its own bookkeeping, read back by id). The application's keys all have a prefix.
     */
    private static boolean isUploadStub(StorageMetadata m) {
        String name = m.getName();
        return name != null && UPLOAD_ID.matcher(name).matches() && (m.getSize() == null || m.getSize() == 0);
    }

    @Override
    public BlobMetadata blobMetadata(String container, String name) {
        BlobMetadata metadata = super.blobMetadata(container, name);
        return metadata != null && metadata.getType() != StorageType.BLOB ? null : metadata;
    }

    @Override
    public boolean blobExists(String container, String name) {
        return blobMetadata(container, name) != null;
    }

    @Override
    public Blob getBlob(String container, String name) {
        return onlyObject(super.getBlob(container, name));
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
        return onlyObject(super.getBlob(container, name, options));
    }

    private static Blob onlyObject(Blob blob) {
        return blob != null && blob.getMetadata().getType() != StorageType.BLOB ? null : blob;
    }
}
