package dev.photo.backend.fakes;

import dev.photo.backend.port.AdminPorts;

/** Admin ports backed by in-memory fakes, for tests that do not look at the admin routes. */
public final class AdminFakes {

    private AdminFakes() {
    }

    public static AdminPorts ports() {
        return new AdminPorts(new InMemoryUserDirectory(), new InMemoryReprocessJobs(), new RecordingReprocessQueue());
    }
}
