package dev.photo.backend.fakes;

import dev.photo.backend.contract.ReprocessJobsContract;
import dev.photo.backend.port.ReprocessJobs;

class InMemoryReprocessJobsTest extends ReprocessJobsContract {

    @Override
    protected ReprocessJobs newJobs() {
        return new InMemoryReprocessJobs();
    }
}
