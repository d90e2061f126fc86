package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The body of {@code POST /admin/reprocess}: which photos to process again. The selectors narrow each other
 * (all given must hold); {@code all} must be {@code true} when no other selector is given, so that an empty body
 * never reprocesses everything by accident.
 *
 * @param ids               photo ids
 * @param album             album name (with {@code owner}, one owner's album; without, that album of every owner)
 * @param owner             user name of the owner
 * @param status            PENDING, READY or REJECTED
 * @param missingThumbnails photos whose thumbnail of a configured size is not in the bucket
 * @param thumbnailSize     with {@code missingThumbnails}: only this configured size counts; null for every size
 * @param all               every photo
 * @param dryRun            only count; nothing is queued
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReprocessRequest(List<String> ids, String album, String owner, String status,
                               Boolean missingThumbnails, Integer thumbnailSize, Boolean all, Boolean dryRun) {

    public ReprocessRequest {
        ids = ids == null ? null : List.copyOf(ids);
    }
}
