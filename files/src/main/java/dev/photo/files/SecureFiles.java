package dev.photo.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files that hold secrets (keys, passwords, tokens, the upload state). They are born 0600 (directories 0700): created
 * with their permissions rather than chmod-ed afterwards, so there is no moment in which another user could open
 * them; an existing file or directory handed to us is tightened to the same. Content is replaced atomically, so a
 * reader sees the old or the new bytes, never a part. The CLI (config, tokens, upload state) and the local stack
 * (keys, credentials, database) both write through this one class.
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    /** Creates the directory (and parents) 0700 if missing. */
    public static void createPrivateDirectory(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                // a folder the user made beforehand (mkdir, --data-dir) gets the same protection as one made here
                if (posix(dir) && !Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
                    Files.setPosixFilePermissions(dir, OWNER_DIR);
                }
                return;
            }
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            if (posix(dir.getParent())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent start; fine as long as it is a directory
            if (!Files.isDirectory(dir)) {
                throw new UncheckedIOException(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file 0600, replacing it atomically: readers see the old or the new content, never a part. A missing
     * parent directory is created 0700.
     */
    public static void write(Path file, byte[] content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                createPrivateDirectory(parent);
            }
            Path tmp = writeTemp(file, content);
            move(tmp, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's content, first writing it 0600 from {@code create} if the file does not exist. Of several processes
     * starting at once, the first to write wins and all read its content.
     */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> create) {
        try {
            if (!Files.exists(file)) {
                writeIfAbsent(file, create.get());
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
    }

    /** Creates an empty owner-only file unless one exists; an existing file is made owner-only too. */
    public static void createPrivateFile(Path file) {
        try {
            if (Files.exists(file)) {
                if (posix(file.getParent()) && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
                return;
            }
            if (posix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // made by a concurrent start
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file 0600 only if it does not exist yet.
     *
     * @return false when another writer got there first (the file then keeps their content)
     */
    public static boolean writeIfAbsent(Path file, byte[] content) {
        try {
            Path tmp = writeTemp(file, content);
            try {
                move(tmp, file, false);
                return true;
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp);
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeTemp(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attrs);
        try {
            Files.write(tmp, content);
            return tmp;
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Moves {@code source} onto {@code target}, replacing it in one rename where the file system can. */
    public static void moveAtomically(Path source, Path target) throws IOException {
        move(source, target, true);
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        if (!replace) {
            // a hard link fails if the target exists, where a rename would silently overwrite it
            try {
                Files.createLink(to, from);
                Files.delete(from);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this file system: check, then rename (a narrow race, only on such systems)
                if (Files.exists(to)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
            }
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix(Path dir) {
        Path probe = dir == null ? Path.of("").toAbsolutePath() : dir;
        return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
