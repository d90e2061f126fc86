package dev.photo.backend.core;

import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;
import dev.photo.backend.port.ReprocessJobs;
import dev.photo.backend.port.ReprocessQueue;
import dev.photo.backend.port.ReprocessQueueException;
import dev.photo.backend.port.UserDirectory;
import dev.photo.contract.PhotoStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What admins do: reprocess photos of any owner, read the stats, manage the users. The caller has been checked to be
 * an admin before any method here is called; these methods read across owners.
 */
public final class AdminService {

    /** The most photos one reprocess request may match: the selection runs inside one API call. */
    public static final int MAX_MATCHED = 10_000;
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 60;
    /** The group whose members may use the admin API. */
    public static final String ADMINS = "admins";

    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
    private static final int SCAN_PAGE = 500;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    static final String NOT_QUEUED = "could not be queued";

    private final BackendConfig config;
    private final PhotoRepository photos;
    private final ObjectStore objects;
    private final UserDirectory users;
    private final ReprocessJobs jobs;
    private final ReprocessQueue queue;
    private final Clock clock;

    public AdminService(BackendConfig config, PhotoRepository photos, ObjectStore objects, UserDirectory users,
                        ReprocessJobs jobs, ReprocessQueue queue, Clock clock) {
        this.config = config;
        this.photos = photos;
        this.objects = objects;
        this.users = users;
        this.jobs = jobs;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Which photos to reprocess; every selector given must hold.
     *
     * @param ownerName     a user name, resolved to the owner's sub through the directory
     * @param thumbnailSize with {@code missingThumbnails}, the one configured size to check; null for all
     */
    public record Selector(List<String> ids, String album, String ownerName, PhotoStatus status,
                           boolean missingThumbnails, Integer thumbnailSize, boolean all) {

        boolean narrows() {
            return ids != null || album != null || ownerName != null || status != null || missingThumbnails;
        }
    }

    /** What a reprocess request came to; {@code job} is null for a dry run. */
    public record Reprocessing(long matched, ReprocessJob job) {
    }

    /**
     * Selects the photos and, unless {@code dryRun}, records a job and queues them in batches of at most
     * {@link ReprocessBatch#MAX_PHOTOS}. A batch the queue refuses counts its photos as failed, so the job still
     * finishes.
     */
    public Reprocessing reprocess(Selector selector, boolean dryRun) {
        List<ReprocessBatch.PhotoRef> matched = select(selector);
        if (dryRun) {
            return new Reprocessing(matched.size(), null);
        }
        String jobId = UUID.randomUUID().toString();
        ReprocessJob job = new ReprocessJob(jobId, clock.instant(), matched.size(), matched.size(), 0, 0, List.of());
        jobs.create(job);
        for (int from = 0; from < matched.size(); from += ReprocessBatch.MAX_PHOTOS) {
            List<ReprocessBatch.PhotoRef> slice = matched.subList(from,
                    Math.min(matched.size(), from + ReprocessBatch.MAX_PHOTOS));
            try {
                queue.send(new ReprocessBatch(jobId, slice));
            } catch (ReprocessQueueException e) {
                LOG.error("reprocess job {}: a batch of {} could not be queued", jobId, slice.size(), e);
                for (ReprocessBatch.PhotoRef ref : slice) {
                    jobs.recordFailed(jobId, new ReprocessJob.Failure(ref.owner(), ref.photoId(), NOT_QUEUED));
                }
            }
        }
        LOG.info("reprocess job {}: {} photos queued", jobId, matched.size());
        return new Reprocessing(matched.size(), job);
    }

    /** The job's counts as the processor left them. */
    public ReprocessJob job(String jobId) {
        if (jobId == null || !jobId.matches("[0-9a-f-]{36}")) {
            throw new NotFoundException("no reprocess job with that id");
        }
        return jobs.get(jobId).orElseThrow(() -> new NotFoundException("no reprocess job " + jobId));
    }

    private List<ReprocessBatch.PhotoRef> select(Selector s) {
        if (!s.narrows() && !s.all()) {
            throw new BadRequestException("invalid_selector",
                    "name the photos to reprocess (ids, album, owner, status, missingThumbnails) or set all");
        }
        if (s.all() && s.narrows()) {
            throw new BadRequestException("invalid_selector", "all cannot be combined with another selector");
        }
        Set<String> ids = ids(s.ids());
        String album = s.album() == null ? null : Validation.album(s.album());
        List<Integer> sizes = thumbnailSizes(s);
        String owner = s.ownerName() == null ? null : users.find(s.ownerName()).map(DirectoryUser::sub)
                .orElseThrow(() -> new NotFoundException("no user " + printable(s.ownerName())));

        List<ReprocessBatch.PhotoRef> out = new ArrayList<>();
        Consumer<Photo> consider = photo -> {
            if ((ids == null || ids.contains(photo.photoId()))
                    && (album == null || album.equals(photo.album()))
                    && (s.status() == null || s.status() == photo.status())
                    && (!s.missingThumbnails() || missesThumbnail(photo, sizes))) {
                if (out.size() == MAX_MATCHED) {
                    throw new BadRequestException("invalid_selector", "the selector matches more than "
                            + MAX_MATCHED + " photos: narrow it, by owner or status for instance");
                }
                out.add(new ReprocessBatch.PhotoRef(photo.owner(), photo.photoId()));
            }
        };
        if (owner != null && ids != null) {
            for (String id : ids) {
                photos.get(owner, id).ifPresent(consider);
            }
        } else if (owner != null) {
            String cursor = null;
            do {
                Page<Photo> page = photos.list(owner, album, SCAN_PAGE, cursor);
                page.items().forEach(consider);
                cursor = page.nextCursor();
            } while (cursor != null);
        } else {
            List<PhotoStatus> statuses = s.status() != null ? List.of(s.status())
                    : s.missingThumbnails() ? List.of(PhotoStatus.READY) : List.of(PhotoStatus.values());
            for (PhotoStatus status : statuses) {
                String cursor = null;
                do {
                    Page<Photo> page = photos.listByStatus(status, SCAN_PAGE, cursor);
                    page.items().forEach(consider);
                    cursor = page.nextCursor();
                } while (cursor != null);
            }
        }
        return out;
    }

    /**
     * A READY photo misses a thumbnail when its object is not in the bucket, whatever the record says: that is what a
     * viewer meets. Photos stored without decoding (HEIC: no dimensions) never get thumbnails and never match.
     */
    private boolean missesThumbnail(Photo photo, List<Integer> sizes) {
        if (photo.status() != PhotoStatus.READY || photo.width() == null) {
            return false;
        }
        for (int size : sizes) {
            if (objects.head(Keys.thumbnail(photo.owner(), photo.photoId(), size)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private List<Integer> thumbnailSizes(Selector s) {
        if (s.thumbnailSize() == null) {
            return config.thumbnailSizes();
        }
        if (!s.missingThumbnails()) {
            throw new BadRequestException("invalid_selector", "thumbnailSize goes with missingThumbnails");
        }
        if (!config.thumbnailSizes().contains(s.thumbnailSize())) {
            throw new BadRequestException("invalid_selector", "thumbnailSize must be one of the configured sizes "
                    + config.thumbnailSizes());
        }
        return List.of(s.thumbnailSize());
    }

    private static Set<String> ids(List<String> ids) {
        if (ids == null) {
            return null;
        }
        if (ids.isEmpty() || ids.size() > MAX_MATCHED) {
            throw new BadRequestException("invalid_selector", "ids must hold 1 to " + MAX_MATCHED + " photo ids");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String id : ids) {
            valid.add(Validation.photoId(id).orElseThrow(() -> new BadRequestException("invalid_selector",
                    "\"" + printable(id) + "\" is not a photo id")));
        }
        return valid;
    }

    /** Counts over every owner, and one page of per-owner counts with their user names. */
    public record Stats(RepositoryStats overall, List<NamedOwnerStats> owners, String nextCursor) {
    }

    /** One owner's counts; {@code username} is null when the directory no longer knows the owner. */
    public record NamedOwnerStats(OwnerStats stats, String username) {
    }

    public Stats stats(Integer limit, String cursor) {
        Page<OwnerStats> page = photos.ownerStats(pageSize(limit), cursor);
        List<NamedOwnerStats> named = new ArrayList<>();
        for (OwnerStats owner : page.items()) {
            named.add(new NamedOwnerStats(owner, users.findBySub(owner.owner()).map(DirectoryUser::username)
                    .orElse(null)));
        }
        return new Stats(photos.stats(), named, page.nextCursor());
    }

    public Page<DirectoryUser> users(Integer limit, String cursor) {
        return users.list(pageSize(limit), cursor);
    }

    public DirectoryUser user(String username) {
        return users.find(username).orElseThrow(() -> noSuchUser(username));
    }

    /**
     * Adds a user who must change the temporary password at the first login (or, with none, gets an invitation).
     */
    public DirectoryUser addUser(String username, String email, String temporaryPassword, boolean admin) {
        if (username == null || username.isBlank()) {
            throw new BadRequestException("invalid_username", "username is required");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new BadRequestException("invalid_request", "email is not an email address");
        }
        if (temporaryPassword != null && temporaryPassword.length() < 8) {
            throw new BadRequestException("invalid_password", "the temporary password needs at least 8 characters");
        }
        DirectoryUser created = users.create(username, email, temporaryPassword);
        if (admin) {
            users.setMember(username, ADMINS, true);
            return users.find(username).orElse(created);
        }
        return created;
    }

    /** Disabling or enabling; an admin cannot disable themselves, which could leave nobody to undo it. */
    public DirectoryUser setEnabled(String callerSub, String username, boolean enabled) {
        DirectoryUser user = user(username);
        if (!enabled && callerSub.equals(user.sub())) {
            throw new BadRequestException("invalid_request", "you cannot disable yourself");
        }
        users.setEnabled(user.username(), enabled);
        return user(username);
    }

    /** Adding to or removing from {@link #ADMINS}; an admin cannot demote themselves. */
    public DirectoryUser setAdmin(String callerSub, String username, boolean admin) {
        DirectoryUser user = user(username);
        if (!admin && callerSub.equals(user.sub())) {
            throw new BadRequestException("invalid_request", "you cannot remove yourself from " + ADMINS);
        }
        users.setMember(user.username(), ADMINS, admin);
        return user(username);
    }

    private static int pageSize(Integer limit) {
        int n = limit == null ? DEFAULT_PAGE : limit;
        if (n < 1 || n > MAX_PAGE) {
            throw new BadRequestException("invalid_limit", "limit must be between 1 and " + MAX_PAGE);
        }
        return n;
    }

    private static NotFoundException noSuchUser(String username) {
        return new NotFoundException("no user " + printable(username));
    }

    private static String printable(String text) {
        return Validation.printableOrPlaceholder(text, 128, "(unprintable)");
    }
}
