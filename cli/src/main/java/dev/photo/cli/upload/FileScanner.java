package dev.photo.cli.upload;

import dev.photo.contract.AlbumNames;
import dev.photo.contract.ContentTypes;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands files and folders into the files to upload. In folders: recursively unless told otherwise, symbolic links
 * reported and not followed unless asked (then with loop detection), hidden entries left out unless asked, the junk
 * that file managers and NAS boxes leave behind always left out, {@code --include}/{@code --exclude} globs applied,
 * and files without a photo extension reported skipped. A file named on the command line is taken whatever its
 * name or extension (only the globs apply): the user asked for it, and the server says why it refuses what is not
 * a photo.
 *
 * <p>Globs are java.nio {@code glob:} patterns matched against the path relative to the folder argument
 * ({@code 2024/trip/IMG_1.jpg}); a pattern without {@code /} is also matched against the bare name, so that
 * {@code *.jpg} means every JPEG at any depth. An exclude that matches a folder leaves the whole folder out.
 */
public final class FileScanner {

    private static final Set<String> JUNK = Set.of(".DS_Store", "Thumbs.db", "desktop.ini", "@eaDir", "#recycle",
            ".Spotlight-V100", ".Trashes", ".fseventsd", "$RECYCLE.BIN", "System Volume Information");
    private static final String APPLE_DOUBLE = "._";

    static final String NOT_A_PHOTO = "not a photo (by its extension)";
    static final String SYMLINK = "symbolic link, not followed (use --follow-symlinks)";
    static final String LOOP = "symbolic link loop, not followed again";
    static final String BROKEN_LINK = "broken symbolic link";

    private final ScanOptions options;
    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final List<LocalFile> files = new ArrayList<>();
    private final List<UploadOutcome> unreadable = new ArrayList<>();
    private final List<UploadOutcome> skipped = new ArrayList<>();
    private final List<UploadOutcome> rejected = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();
    private int ignored;

    private FileScanner(ScanOptions options) {
        this.options = options;
        this.includes = globs(options.includes(), "--include");
        this.excludes = globs(options.excludes(), "--exclude");
    }

    /** Every photo below {@code arguments}, recursively, into {@code album}. */
    public static ScanResult scan(List<Path> arguments, String album) {
        return scan(arguments, ScanOptions.into(album));
    }

    /** Throws a usage error for an argument that does not exist and for a glob that does not parse. */
    public static ScanResult scan(List<Path> arguments, ScanOptions options) {
        FileScanner scanner = new FileScanner(options);
        for (Path argument : arguments) {
            if (!Files.exists(argument)) {
                throw CliException.usage("no such file or directory: " + argument);
            }
            if (Files.isDirectory(argument)) {
                scanner.walk(argument);
            } else if (Files.isRegularFile(argument)) {
                scanner.named(argument);
            } else {
                throw CliException.usage("not a regular file or directory: " + argument);
            }
        }
        return new ScanResult(scanner.groupedByAlbum(), scanner.unreadable, scanner.skipped, scanner.rejected,
                scanner.ignored);
    }

    private void named(Path file) {
        String name = fileName(file);
        if (!selected(Path.of(name), name)) {
            ignored++;
            return;
        }
        if (options.albumFromFolder() && options.album() == null) {
            skipped.add(skip(file.toString(), name, null,
                    "named on the command line, so in no album folder (give --album to upload it)"));
            return;
        }
        add(file, file.toString(), options.album());
    }

    private void walk(Path root) {
        List<Path> found = new ArrayList<>();
        int depth = options.recursive() ? Integer.MAX_VALUE : options.albumFromFolder() ? 2 : 1;
        Set<FileVisitOption> visit = options.followSymlinks() ? EnumSet.of(FileVisitOption.FOLLOW_LINKS)
                : EnumSet.noneOf(FileVisitOption.class);
        try {
            Files.walkFileTree(root, visit, depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root) || !leftOut(root, dir, true)) {
                        return FileVisitResult.CONTINUE;
                    }
                    ignored++;
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // at the depth limit, folders arrive here: not descending into them is the point of the limit
                    if (attrs.isDirectory()) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (leftOut(root, file, false)) {
                        ignored++;
                    } else if (attrs.isSymbolicLink()) {
                        skipped.add(skip(file.toString(), fileName(file), null,
                                options.followSymlinks() ? BROKEN_LINK : SYMLINK));
                    } else if (attrs.isRegularFile()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (leftOut(root, file, Files.isDirectory(file))) {
                        ignored++;
                    } else if (e instanceof FileSystemLoopException) {
                        skipped.add(skip(file.toString(), fileName(file), null, LOOP));
                    } else {
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
        Map<String, Boolean> validFolders = new HashMap<>();
        for (Path file : found) {
            Path relative = root.relativize(file);
            String name = fileName(file);
            String album = options.album();
            if (options.albumFromFolder() && relative.getNameCount() > 1) {
                album = relative.getName(0).toString();
            }
            if (ContentTypes.UNKNOWN.equals(ContentTypes.forFileName(name))) {
                skipped.add(skip(file.toString(), name, null, NOT_A_PHOTO));
            } else if (album != null && !validFolders.computeIfAbsent(album, AlbumNames::isValid)) {
                rejected.add(new UploadOutcome(file.toString(), name, UploadStatus.REJECTED, null,
                        "folder name '" + album + "' cannot be an album: " + AlbumNames.RULE, null, null));
            } else if (album == null) {
                skipped.add(skip(file.toString(), name, null,
                        "directly in " + root + ", not in an album folder (give --album to upload it)"));
            } else {
                add(file, file.toString(), album);
            }
        }
    }

    /** Hidden, junk, or excluded by the globs (files must also match an include, if any). */
    private boolean leftOut(Path root, Path path, boolean directory) {
        String name = fileName(path);
        if (JUNK.contains(name) || name.startsWith(APPLE_DOUBLE)) {
            return true;
        }
        if (!options.hidden() && name.startsWith(".")) {
            return true;
        }
        Path relative = root.relativize(path);
        if (directory) {
            return excludes.stream().anyMatch(g -> g.matches(relative, name));
        }
        return !selected(relative, name);
    }

    private boolean selected(Path relative, String name) {
        if (!includes.isEmpty() && includes.stream().noneMatch(g -> g.matches(relative, name))) {
            return false;
        }
        return excludes.stream().noneMatch(g -> g.matches(relative, name));
    }

    private void add(Path file, String display, String album) {
        try {
            if (seen.add(file.toRealPath())) {
                files.add(new LocalFile(file, display, Files.size(file), album));
            }
        } catch (IOException e) {
            unreadable.add(UploadOutcome.failed(display, fileName(file),
                    "cannot read: " + e.getClass().getSimpleName()).withAlbum(album));
        }
    }

    /** Files of one album together, albums in the order first met, so that no batch is split needlessly. */
    private List<LocalFile> groupedByAlbum() {
        Map<String, List<LocalFile>> byAlbum = new LinkedHashMap<>();
        for (LocalFile file : files) {
            byAlbum.computeIfAbsent(file.album(), a -> new ArrayList<>()).add(file);
        }
        return byAlbum.values().stream().flatMap(List::stream).toList();
    }

    private static UploadOutcome skip(String path, String name, String album, String reason) {
        return new UploadOutcome(path, name, UploadStatus.SKIPPED, null, reason, album, null);
    }

    private static List<Glob> globs(List<String> patterns, String option) {
        List<Glob> globs = new ArrayList<>();
        for (String pattern : patterns) {
            if (pattern.isEmpty()) {
                throw CliException.usage(option + " needs a pattern");
            }
            try {
                globs.add(new Glob(FileSystems.getDefault().getPathMatcher("glob:" + pattern),
                        !pattern.contains("/")));
            } catch (IllegalArgumentException e) {
                // PatternSyntaxException included: the message points at the offending character
                throw CliException.usage("invalid " + option + " pattern '" + pattern + "': " + e.getMessage());
            }
        }
        return List.copyOf(globs);
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? path.toString() : name.toString();
    }

    private record Glob(PathMatcher matcher, boolean alsoName) {

        boolean matches(Path relative, String name) {
            return matcher.matches(relative) || (alsoName && matcher.matches(Path.of(name)));
        }
    }
}
