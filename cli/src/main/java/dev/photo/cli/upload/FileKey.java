package dev.photo.cli.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What identifies a file's content without reading it: absolute path, size and modification time. A file whose
 * key is unchanged since it was uploaded is taken to be unchanged, the same bet rsync and make make.
 */
public record FileKey(String path, long size, long modifiedMicros) {

    public static FileKey of(Path file) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileKey(file.toAbsolutePath().normalize().toString(), attrs.size(),
                attrs.lastModifiedTime().to(TimeUnit.MICROSECONDS));
    }
}
