package dev.photo.backend.port;

import java.util.Objects;

/** The ports only the admin routes use: the user pool, reprocess jobs, and the queue to the processor. */
public record AdminPorts(UserDirectory users, ReprocessJobs jobs, ReprocessQueue queue) {

    public AdminPorts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(queue, "queue");
    }
}
