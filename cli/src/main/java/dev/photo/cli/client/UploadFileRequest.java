package dev.photo.cli.client;

/** One file of a {@code POST /uploads} batch. */
public record UploadFileRequest(String name, long size, String contentType, String sha256) {
}
