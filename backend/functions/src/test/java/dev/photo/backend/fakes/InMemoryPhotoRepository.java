package dev.photo.backend.fakes;

import dev.photo.backend.core.AlbumRename;
import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.PhotoFilter;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.core.SignedCursor;
import dev.photo.backend.core.StatusTransitions;
import dev.photo.backend.port.PhotoRepository;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** A {@link PhotoRepository} in a map, for service and handler tests. Passes {@code PhotoRepositoryContract}. */
public final class InMemoryPhotoRepository implements PhotoRepository {

    private final Map<String, Photo> byKey = new TreeMap<>();
    private final SignedCursor cursors;

    public InMemoryPhotoRepository() {
        byte[] key = new byte[SignedCursor.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        cursors = new SignedCursor(key);
    }

    @Override
    public synchronized void put(Photo photo) {
        if (byKey.containsKey(key(photo.owner(), photo.photoId()))
                || findBySha256(photo.owner(), photo.sha256()).isPresent()) {
            throw new ConflictException("the owner already has a photo with this id or content");
        }
        byKey.put(key(photo.owner(), photo.photoId()), photo);
    }

    @Override
    public synchronized boolean update(Photo photo, PhotoStatus expected) {
        StatusTransitions.require(expected, photo.status());
        Photo old = byKey.get(key(photo.owner(), photo.photoId()));
        if (old == null || old.status() != expected) {
            return false;
        }
        byKey.put(key(photo.owner(), photo.photoId()), PhotoRepository.keepingAlbum(photo, old));
        return true;
    }

    @Override
    public synchronized Optional<Photo> get(String owner, String photoId) {
        return Optional.ofNullable(byKey.get(key(owner, photoId)));
    }

    @Override
    public synchronized Optional<Photo> findBySha256(String owner, String sha256) {
        return byKey.values().stream()
                .filter(p -> p.owner().equals(owner) && p.sha256().equals(sha256))
                .findFirst();
    }

    @Override
    public synchronized Page<Photo> list(String owner, String album, PhotoFilter filter, int limit, String cursor) {
        String scope = "list\n" + owner + "\n" + (album == null ? "" : album) + filter.scope();
        return page(scope, limit, cursor, Photo::photoId, true,
                p -> p.owner().equals(owner) && (album == null || p.album().equals(album)) && filter.keeps(p));
    }

    @Override
    public synchronized AlbumRename renameAlbum(String owner, String from, String to, int max) {
        List<Photo> in = byKey.values().stream().filter(p -> p.owner().equals(owner) && p.album().equals(from))
                .limit(max).toList();
        in.forEach(p -> byKey.put(key(owner, p.photoId()), p.inAlbum(to)));
        boolean done = byKey.values().stream().noneMatch(p -> p.owner().equals(owner) && p.album().equals(from));
        return new AlbumRename(in.size(), done);
    }

    @Override
    public synchronized List<AlbumSummary> albums(String owner) {
        Map<String, List<Photo>> byAlbum = new TreeMap<>(byKey.values().stream()
                .filter(p -> p.owner().equals(owner) && p.status() == PhotoStatus.READY)
                .collect(Collectors.groupingBy(Photo::album)));
        List<AlbumSummary> out = new ArrayList<>();
        byAlbum.forEach((name, photos) -> out.add(new AlbumSummary(name, photos.size(),
                photos.stream().mapToLong(Photo::size).sum(),
                photos.stream().max(Comparator.comparing(Photo::photoId)).orElseThrow().uploadedAt())));
        return out;
    }

    @Override
    public synchronized Optional<Photo> move(String owner, String photoId, String newAlbum) {
        Photo old = byKey.get(key(owner, photoId));
        if (old == null) {
            return Optional.empty();
        }
        Photo moved = old.inAlbum(newAlbum);
        byKey.put(key(owner, photoId), moved);
        return Optional.of(moved);
    }

    @Override
    public synchronized boolean delete(String owner, String photoId) {
        return byKey.remove(key(owner, photoId)) != null;
    }

    @Override
    public synchronized int expirePending(Instant uploadedBefore) {
        List<String> expired = byKey.entrySet().stream()
                .filter(e -> e.getValue().status() == PhotoStatus.PENDING
                        && e.getValue().uploadedAt().isBefore(uploadedBefore))
                .map(Map.Entry::getKey).toList();
        expired.forEach(byKey::remove);
        return expired.size();
    }

    @Override
    public synchronized Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
        Function<Photo, String> position = p -> String.format("%020d%09d#%s", p.uploadedAt().getEpochSecond(),
                p.uploadedAt().getNano(), p.photoId());
        return page("status\n" + status, limit, cursor, position, false, p -> p.status() == status);
    }

    @Override
    public synchronized RepositoryStats stats() {
        return statsOf(byKey.values().stream().toList());
    }

    @Override
    public synchronized Page<OwnerStats> ownerStats(int limit, String cursor) {
        Map<String, List<Photo>> byOwner = new TreeMap<>(byKey.values().stream()
                .collect(Collectors.groupingBy(Photo::owner)));
        String after = cursor == null ? null : cursors.verifyText("owners", cursor);
        List<OwnerStats> out = new ArrayList<>();
        for (Map.Entry<String, List<Photo>> e : byOwner.entrySet()) {
            if (after != null && e.getKey().compareTo(after) <= 0) {
                continue;
            }
            if (out.size() == limit) {
                return new Page<>(out, cursors.signText("owners", out.get(limit - 1).owner()));
            }
            out.add(new OwnerStats(e.getKey(), statsOf(e.getValue())));
        }
        return new Page<>(out, null);
    }

    private static RepositoryStats statsOf(List<Photo> photos) {
        Map<PhotoStatus, Long> byStatus = new EnumMap<>(PhotoStatus.class);
        photos.forEach(p -> byStatus.merge(p.status(), 1L, Long::sum));
        long bytes = photos.stream().filter(p -> p.status() == PhotoStatus.READY).mapToLong(Photo::size).sum();
        return RepositoryStats.of(bytes, byStatus);
    }

    /**
     * Items whose position (a text that sorts as the listing does) comes after the cursor's; the cursor holds the
     * position of the last item given, which need not exist any more.
     */
    private Page<Photo> page(String scope, int limit, String cursor, Function<Photo, String> position,
                             boolean descending, Predicate<Photo> filter) {
        String after = cursor == null ? null : cursors.verifyText(scope, cursor);
        Comparator<Photo> order = Comparator.comparing(position);
        List<Photo> rest = byKey.values().stream()
                .filter(filter)
                .filter(p -> after == null || (descending ? position.apply(p).compareTo(after) < 0
                        : position.apply(p).compareTo(after) > 0))
                .sorted(descending ? order.reversed() : order)
                .toList();
        if (rest.size() <= limit) {
            return new Page<>(rest, null);
        }
        List<Photo> items = rest.subList(0, limit);
        return new Page<>(items, cursors.signText(scope, position.apply(items.get(limit - 1))));
    }

    private static String key(String owner, String photoId) {
        return owner + "/" + photoId;
    }
}
