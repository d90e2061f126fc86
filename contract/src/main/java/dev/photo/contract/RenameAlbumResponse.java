package dev.photo.contract;

/**
 * The answer of {@code POST /albums/{name}/rename}. One call moves a bounded number of photos, so that a call on a
 * big album fits in the API's time limit; the client calls again until {@code done}.
 *
 * @param moved how many photos this call moved from {@code from} to {@code to}
 * @param done  whether {@code from} has no photos left
 */
public record RenameAlbumResponse(String from, String to, int moved, boolean done) {
}
