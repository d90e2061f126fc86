package dev.photo.backend.fakes;

import dev.photo.backend.core.AlbumSummary;
import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.Page;
import dev.photo.backend.core.OwnerStats;
import dev.photo.backend.core.Photo;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.contract.PhotoStatus;
import dev.photo.backend.port.PhotoRepository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** A {@link PhotoRepository} in a map, for service and handler tests. Passes {@code PhotoRepositoryContract}. */
public final class InMemoryPhotoRepository implements PhotoRepository {

    private final Map<String, Photo> byKey = new ConcurrentHashMap<>();

    @Override
    public synchronized void put(Photo photo) {
        Optional<Photo> sameContent = findBySha256(photo.owner(), photo.sha256());
        if (sameContent.isPresent() && !sameContent.get().photoId().equals(photo.photoId())) {
            throw new ConflictException("the owner already has a photo with this content");
        }
        byKey.put(key(photo.owner(), photo.photoId()), photo);
    }

    @Override
    public synchronized boolean update(Photo photo) {
        return byKey.computeIfPresent(key(photo.owner(), photo.photoId()), (k, old) -> photo) != null;
    }

    @Override
    public Optional<Photo> get(String owner, String photoId) {
        return Optional.ofNullable(byKey.get(key(owner, photoId)));
    }

    @Override
    public synchronized Optional<Photo> findBySha256(String owner, String sha256) {
        return byKey.values().stream()
                .filter(p -> p.owner().equals(owner) && p.sha256().equals(sha256))
                .findFirst();
    }

    @Override
    public Page<Photo> list(String owner, String album, int limit, String cursor) {
        String after = cursor == null ? null : decode(cursor);
        List<Photo> matching = byKey.values().stream()
                .filter(p -> p.owner().equals(owner))
                .filter(p -> album == null || p.album().equals(album))
                .filter(p -> after == null || p.photoId().compareTo(after) < 0)
                .sorted(Comparator.comparing(Photo::photoId).reversed())
                .collect(Collectors.toList());
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        List<Photo> page = new ArrayList<>(matching.subList(0, limit));
        return new Page<>(page, encode(page.get(page.size() - 1).photoId()));
    }

    @Override
    public List<AlbumSummary> albums(String owner) {
        Map<String, List<Photo>> byAlbum = new TreeMap<>(byKey.values().stream()
                .filter(p -> p.owner().equals(owner))
                .collect(Collectors.groupingBy(Photo::album)));
        List<AlbumSummary> out = new ArrayList<>();
        byAlbum.forEach((name, photos) -> out.add(new AlbumSummary(name, photos.size(),
                photos.stream().mapToLong(Photo::size).sum(),
                photos.stream().map(Photo::uploadedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH))));
        return out;
    }

    @Override
    public boolean delete(String owner, String photoId) {
        return byKey.remove(key(owner, photoId)) != null;
    }

    // --- admin reads across owners ---

    @Override
    public Page<Photo> listByStatus(PhotoStatus status, int limit, String cursor) {
        String after = cursor == null ? null : decode(cursor);
        List<Photo> matching = byKey.values().stream()
                .filter(p -> p.status() == status)
                .filter(p -> after == null || key(p.photoId(), p.owner()).compareTo(after) > 0)
                .sorted(Comparator.comparing((Photo p) -> key(p.photoId(), p.owner())))
                .collect(Collectors.toList());
        if (matching.size() <= limit) {
            return new Page<>(matching, null);
        }
        List<Photo> page = new ArrayList<>(matching.subList(0, limit));
        Photo last = page.get(limit - 1);
        return new Page<>(page, encode(key(last.photoId(), last.owner())));
    }

    @Override
    public RepositoryStats stats() {
        return statsOf(List.copyOf(byKey.values()));
    }

    @Override
    public Page<OwnerStats> ownerStats(int limit, String cursor) {
        String after = cursor == null ? "" : decode(cursor);
        Map<String, List<Photo>> byOwner = new TreeMap<>(byKey.values().stream()
                .filter(p -> p.owner().compareTo(after) > 0)
                .collect(Collectors.groupingBy(Photo::owner)));
        List<OwnerStats> all = byOwner.entrySet().stream()
                .map(e -> new OwnerStats(e.getKey(), statsOf(e.getValue()))).toList();
        if (all.size() <= limit) {
            return new Page<>(all, null);
        }
        List<OwnerStats> page = all.subList(0, limit);
        return new Page<>(page, encode(page.get(limit - 1).owner()));
    }

    private static RepositoryStats statsOf(List<Photo> photos) {
        Map<PhotoStatus, Long> counts = photos.stream()
                .collect(Collectors.groupingBy(Photo::status, Collectors.counting()));
        long bytes = photos.stream().filter(p -> p.status() == PhotoStatus.READY).mapToLong(Photo::size).sum();
        return new RepositoryStats(photos.size(), bytes, counts);
    }

    private static String key(String owner, String photoId) {
        return owner + "/" + photoId;
    }

    private static String encode(String photoId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(photoId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("invalid_cursor", "cursor is not valid");
        }
    }
}
