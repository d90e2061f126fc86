package dev.photo.cli.download;

import dev.photo.contract.PhotoInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the local name of every photo of a run, before any is downloaded. Photos are taken in the order of their
 * ids, which are time-ordered: the earliest upload keeps the plain name and later ones with the same name (in any
 * case or Unicode normalisation) get {@code name (2).jpg}, {@code name (3).jpg}. So the same photos always get the
 * same names, and photos uploaded later never take a name an earlier run gave.
 */
public final class NamePlan {

    private NamePlan() {
    }

    /** The photos as items, ordered by photo id, each with a name no other item of the run has. */
    public static List<DownloadItem> assign(List<PhotoInfo> photos, Integer thumbnailSize, boolean explicit) {
        List<PhotoInfo> ordered = new ArrayList<>(photos);
        ordered.sort(Comparator.comparing(PhotoInfo::photoId));
        Set<String> taken = new HashSet<>();
        List<DownloadItem> items = new ArrayList<>(ordered.size());
        for (PhotoInfo photo : ordered) {
            String name = SafeNames.original(photo.fileName(), photo.photoId(), photo.contentType());
            if (thumbnailSize != null) {
                name = SafeNames.thumbnail(name, thumbnailSize);
            }
            String chosen = name;
            for (int n = 2; !taken.add(SafeNames.collisionKey(chosen)); n++) {
                chosen = SafeNames.numbered(name, n);
            }
            items.add(new DownloadItem(photo, chosen, thumbnailSize, explicit));
        }
        return items;
    }
}
