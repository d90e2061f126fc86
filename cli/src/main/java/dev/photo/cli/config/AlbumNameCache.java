package dev.photo.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The album names a profile has last seen ({@code photo albums}) or uploaded into ({@code photo upload}), one a
 * line in the profile's state directory, for the shell's completion of {@code --album}: pressing TAB must never
 * wait for the network, so completion reads only this file. A name missing from it is only not offered; the file
 * is a convenience, so failing to read or write it never fails a command.
 */
public final class AlbumNameCache {

    static final String FILE_NAME = "album-names";

    private final Path file;

    /** The cache of the profile whose state lives in {@code profileStateDir}. */
    public AlbumNameCache(Path profileStateDir) {
        this.file = profileStateDir.resolve(FILE_NAME);
    }

    /** The cached names, sorted; empty when nothing was cached yet or the file cannot be read. */
    public SortedSet<String> read() {
        SortedSet<String> names = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing listed or uploaded with this profile yet
        } catch (IOException | RuntimeException e) {
            // an unreadable or garbled cache offers nothing; the next `photo albums` writes it anew
            names.clear();
        }
        return names;
    }

    /** The whole list, as {@code photo albums} received it: albums deleted elsewhere drop out. */
    public void replace(Collection<String> names) {
        write(new TreeSet<>(names));
    }

    /** Names an upload used, added to those already cached. */
    public void add(Collection<String> names) {
        SortedSet<String> all = read();
        if (all.addAll(names)) {
            write(all);
        }
    }

    private void write(SortedSet<String> names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            // a line break would split one name into two; album names never hold one, but the file must stay one a line
            if (name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
                text.append(name).append('\n');
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // completion then offers the older names; the command itself has done its work
        }
    }
}
