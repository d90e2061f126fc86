package dev.photo.local.s3;

import dev.photo.backend.core.Keys;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells a listener about every object completed under {@code originals/}, after the store has it: S3's
 * {@code ObjectCreated} notification for the local stack. Failed writes (including a refused conditional PUT)
 * throw before the listener is called, so they emit nothing.
 */
public final class NotifyingBlobStore extends ForwardingBlobStore {

    private final ObjectCreatedListener listener;
    private final Clock clock;
    private final AtomicLong sequence;

    public NotifyingBlobStore(BlobStore delegate, ObjectCreatedListener listener, Clock clock) {
        super(delegate);
        this.listener = listener;
        this.clock = clock;
        // start from the clock so that sequencers keep increasing across restarts, as S3's do
        this.sequence = new AtomicLong(clock.millis() << 16);
    }

    @Override
    public String putBlob(String container, Blob blob) {
        String eTag = super.putBlob(container, blob);
        notify(ObjectCreated.PUT, container, blob.getMetadata().getName(), eTag, blob);
        return eTag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        notify(ObjectCreated.PUT, container, blob.getMetadata().getName(), eTag, blob);
        return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(mpu, parts);
        notify(ObjectCreated.COMPLETE_MULTIPART_UPLOAD, mpu.containerName(), mpu.blobName(), eTag, null);
        return eTag;
    }

    private void notify(String eventName, String container, String key, String eTag, Blob written) {
        if (key == null || !key.startsWith(Keys.ORIGINALS)) {
            return;
        }
        BlobMetadata stored = delegate().blobMetadata(container, key);
        long size = stored != null && stored.getSize() != null ? stored.getSize() : declaredSize(written);
        String tag = stored != null && stored.getETag() != null ? stored.getETag() : eTag;
        String sequencer = String.format("%016X", sequence.incrementAndGet());
        listener.objectCreated(new ObjectCreated(eventName, container, key, size, unquote(tag), clock.instant(),
                sequencer));
    }

    private static long declaredSize(Blob written) {
        if (written == null) {
            return 0;
        }
        Long length = written.getMetadata().getContentMetadata().getContentLength();
        return length == null ? 0 : length;
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }
}
