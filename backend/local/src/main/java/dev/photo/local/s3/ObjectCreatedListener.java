package dev.photo.local.s3;

/** Told about every completed write under {@code originals/}; must return quickly (S3 does not wait either). */
@FunctionalInterface
public interface ObjectCreatedListener {

    void objectCreated(ObjectCreated event);
}
