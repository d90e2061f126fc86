package dev.photo.backend.core;

import java.time.Instant;

/** An album and how many photos it holds; {@code latestUploadAt} is the newest photo's upload time. */
public record AlbumSummary(String name, long count, long bytes, Instant latestUploadAt) {
}
