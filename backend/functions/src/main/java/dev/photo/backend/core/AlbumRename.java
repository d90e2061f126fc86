package dev.photo.backend.core;

/**
 * What one bounded step of an album rename did.
 *
 * @param moved how many photos this step moved
 * @param done  whether the old album has no photos left
 */
public record AlbumRename(int moved, boolean done) {
}
