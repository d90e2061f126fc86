package dev.photo.local.db;

import dev.photo.backend.contract.PhotoRepositoryContract;
import dev.photo.backend.port.PhotoRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqlitePhotoRepositoryTest extends PhotoRepositoryContract {

    @TempDir
    Path dir;

    private Database db;

    @Override
    protected PhotoRepository newRepository() {
        db = Database.open(dir.resolve("photo.db"));
        return new SqlitePhotoRepository(db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
