package dev.photo.cli.upload;

import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands files and folders into the files to upload: folders recursively, without following symbolic links,
 * skipping hidden entries and the junk that file managers and NAS boxes leave behind. A file named on the command
 * line is always taken, hidden or not, whatever its extension: the user asked for it, and the server says why it
 * refuses what is not a photo. In folders, files without a photo extension are passed over and reported skipped.
 */
public final class FileScanner {

    private static final Set<String> JUNK = Set.of(".DS_Store", "Thumbs.db", "desktop.ini", "@eaDir");

    private FileScanner() {
    }

    /** Throws a usage error for an argument that does not exist. */
    public static ScanResult scan(List<Path> arguments, String album) {
        List<LocalFile> files = new ArrayList<>();
        List<UploadOutcome> unreadable = new ArrayList<>();
        List<UploadOutcome> skipped = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path argument : arguments) {
            if (!Files.exists(argument)) {
                throw CliException.usage("no such file or directory: " + argument);
            }
            if (Files.isDirectory(argument)) {
                walk(argument, album, files, unreadable, skipped, seen);
            } else if (Files.isRegularFile(argument)) {
                add(argument, argument.toString(), album, files, seen, unreadable);
            } else {
                throw CliException.usage("not a regular file or directory: " + argument);
            }
        }
        return new ScanResult(files, unreadable, skipped);
    }

    private static void walk(Path root, String album, List<LocalFile> files, List<UploadOutcome> unreadable,
                             List<UploadOutcome> skipped, Set<Path> seen) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && skipped(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !skipped(file)) {
                                found.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!skipped(file)) {
                                unreadable.add(UploadOutcome.failed(file.toString(), fileName(file),
                                        "cannot read: " + e.getClass().getSimpleName()));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + root + ": " + e.getMessage(), e);
        }
        found.sort(null);
        for (Path file : found) {
            if (ContentTypes.UNKNOWN.equals(ContentTypes.forFileName(fileName(file)))) {
                skipped.add(new UploadOutcome(file.toString(), fileName(file), UploadStatus.SKIPPED, null,
                        "not a photo (by its extension)"));
            } else {
                add(file, file.toString(), album, files, seen, unreadable);
            }
        }
    }

    private static void add(Path file, String display, String album, List<LocalFile> files, Set<Path> seen,
                            List<UploadOutcome> unreadable) {
        try {
            if (seen.add(file.toRealPath())) {
                files.add(new LocalFile(file, display, Files.size(file), album));
            }
        } catch (IOException e) {
            unreadable.add(UploadOutcome.failed(display, fileName(file),
                    "cannot read: " + e.getClass().getSimpleName()));
        }
    }

    private static boolean skipped(Path path) {
        String name = fileName(path);
        return name.startsWith(".") || JUNK.contains(name);
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }
}
