package dev.photo.local.db;

import dev.photo.backend.contract.ReprocessJobsContract;
import dev.photo.backend.port.ReprocessJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteReprocessJobsTest extends ReprocessJobsContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected ReprocessJobs newJobs() {
        db = Database.open(dir.resolve("photo.db"));
        return new SqliteReprocessJobs(db);
    }

    @AfterEach
    void close() {
        db.close();
    }
}
