package dev.photo.backend.port;

/** What a HEAD tells about a stored object. */
public record ObjectInfo(String key, long size, String contentType) {
}
