package dev.photo.contract;

/** Where a photo is in its life: presigned but not yet processed, processed, or refused by the processor. */
public enum PhotoStatus {
    PENDING,
    READY,
    REJECTED
}
