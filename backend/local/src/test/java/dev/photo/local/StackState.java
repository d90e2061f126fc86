package dev.photo.local;

import dev.photo.backend.fakes.Sha256;
import org.sqlite.SQLiteConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * What a local stack holds, as text to compare before and after an attempt that must change nothing: every photo
 * record (read-only, beside the running stack) and every file under its S3 directory (objects and parts of
 * uploads in progress) with its SHA-256.
 */
final class StackState {

    private StackState() {
    }

    static String snapshot(Path dataDir) throws Exception {
        StringBuilder out = new StringBuilder();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dataDir.resolve(LocalStack.DATABASE_FILE));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM photos ORDER BY owner, photo_id")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(rows.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("s3"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append(dataDir.relativize(f)).append(' ').append(Sha256.hex(Files.readAllBytes(f))).append('\n');
            }
        }
        return out.toString();
    }
}
