package dev.photo.backend.core;

import dev.photo.contract.PhotoStatus;

/**
 * The moves a photo's status may make. Processing only moves forward (PENDING to READY or REJECTED), so a repeated
 * S3 event or bytes sent again through a still-valid URL can never turn a REJECTED photo READY. Two moves back are
 * explicit: a new upload attempt of content that never arrived or was rejected (to PENDING), and reprocessing a
 * READY photo (READY to READY, with new thumbnails or metadata).
 */
public final class StatusTransitions {

    private StatusTransitions() {
    }

    public static boolean allowed(PhotoStatus from, PhotoStatus to) {
        return switch (from) {
            case PENDING -> true;
            case READY -> to == PhotoStatus.READY;
            case REJECTED -> to == PhotoStatus.PENDING;
        };
    }

    /** @throws IllegalArgumentException if the move is not allowed: a caller's bug, never the user's input */
    public static void require(PhotoStatus from, PhotoStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalArgumentException("a photo's status cannot move from " + from + " to " + to);
        }
    }
}
