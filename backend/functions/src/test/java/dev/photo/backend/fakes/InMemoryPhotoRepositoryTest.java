package dev.photo.backend.fakes;

import dev.photo.backend.contract.PhotoRepositoryContract;
import dev.photo.backend.port.PhotoRepository;

class InMemoryPhotoRepositoryTest extends PhotoRepositoryContract {

    @Override
    protected PhotoRepository newRepository() {
        return new InMemoryPhotoRepository();
    }
}
