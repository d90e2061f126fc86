package dev.photo.cli.upload;


import dev.photo.contract.UploadFileRequest;
import java.util.List;

/**
 * A file ready to presign: hashed (with its parts' hashes when it goes multipart), or, with {@code journal} set, a
 * multipart upload an earlier run started, which continues without hashing, or, with {@code cached} set, a file an
 * earlier run stored, declared from the cache without reading it so that the server confirms it still has it.
 *
 * @param index    its place in the run's file list
 * @param partSize 0 for a single PUT
 */
record Hashed(int index, LocalFile file, FileKey key, String sha256, long size, long partSize, List<String> parts,
              MultipartJournal journal, boolean cached) {

    static Hashed of(int index, LocalFile file, FileKey key, Sha256.Digest digest, long partSize) {
        return new Hashed(index, file, key, digest.hex(), digest.size(), partSize, digest.parts(), null, false);
    }

    static Hashed resume(int index, LocalFile file, MultipartJournal journal) {
        return new Hashed(index, file, journal.key(), journal.sha256(), journal.key().size(), journal.partSize(),
                journal.parts(), journal, false);
    }

    /** A file stored by an earlier run, declared as one PUT with the SHA-256 the cache keeps. */
    static Hashed cached(int index, LocalFile file, FileKey key, String sha256) {
        return new Hashed(index, file, key, sha256, key.size(), 0, List.of(), null, true);
    }

    /** The same file declared afresh from what the journal knew: no need to read it again. */
    Hashed restart() {
        return new Hashed(index, file, key, sha256, size, partSize, parts, null, false);
    }

    boolean multipart() {
        return partSize > 0;
    }

    /** How many parts its declaration carries: 0 for a single PUT. */
    int declaredParts() {
        return multipart() ? parts.size() : 0;
    }

    UploadFileRequest request() {
        List<UploadFileRequest.PartPlan> plan = null;
        if (multipart()) {
            plan = new java.util.ArrayList<>(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                plan.add(new UploadFileRequest.PartPlan(partLength(i + 1), parts.get(i)));
            }
        }
        return new UploadFileRequest(file.name(), size, file.contentType(), sha256, plan);
    }

    long partOffset(int partNumber) {
        return (partNumber - 1) * partSize;
    }

    long partLength(int partNumber) {
        return Math.min(partSize, size - partOffset(partNumber));
    }
}
