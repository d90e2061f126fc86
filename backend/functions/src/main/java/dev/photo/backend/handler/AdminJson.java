package dev.photo.backend.handler;

import dev.photo.backend.core.AdminService;
import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.RepositoryStats;
import dev.photo.backend.core.ReprocessJob;
import dev.photo.contract.AdminStats;
import dev.photo.contract.PhotoStatus;
import dev.photo.contract.ReprocessJobInfo;
import dev.photo.contract.UserInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Conversions between the admin core types and the contract's records. */
final class AdminJson {

    private AdminJson() {
    }

    static ReprocessJobInfo job(AdminService.Reprocessing reprocessing) {
        if (reprocessing.job() == null) {
            return new ReprocessJobInfo(null, true, reprocessing.matched(), 0, 0, 0, 0, true, null, null);
        }
        return job(reprocessing.job());
    }

    static ReprocessJobInfo job(ReprocessJob job) {
        return new ReprocessJobInfo(job.jobId(), false, job.matched(), job.queued(), job.done(), job.failed(),
                job.pending(), job.finished(), job.createdAt().toString(), job.failures().stream()
                .map(f -> new ReprocessJobInfo.Failure(f.owner(), f.photoId(), f.reason())).toList());
    }

    static AdminStats stats(AdminService.Stats stats) {
        return new AdminStats(stats.overall().photos(), stats.overall().bytes(), byStatus(stats.overall()),
                stats.owners().stream().map(o -> new AdminStats.UserStats(o.stats().owner(), o.username(),
                        o.stats().stats().photos(), o.stats().stats().bytes(), byStatus(o.stats().stats())))
                        .toList(), stats.nextCursor());
    }

    private static Map<String, Long> byStatus(RepositoryStats stats) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (PhotoStatus status : PhotoStatus.values()) {
            out.put(status.name(), stats.byStatus().getOrDefault(status, 0L));
        }
        return out;
    }

    static UserInfo user(DirectoryUser user) {
        return new UserInfo(user.username(), user.sub(), user.email(), user.enabled(), user.status(), user.groups(),
                Objects.toString(user.createdAt(), null));
    }
}
