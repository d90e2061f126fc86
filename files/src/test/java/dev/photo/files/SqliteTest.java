package dev.photo.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteTest {

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE items (name TEXT NOT NULL PRIMARY KEY, n INTEGER NOT NULL)",
            "ALTER TABLE items ADD COLUMN note TEXT; CREATE INDEX items_by_n ON items (n)");

    @TempDir
    Path dir;

    @Test
    void migrations_run_once_each_in_order_on_an_owner_only_file() throws Exception {
        Path file = dir.resolve("x.db");
        try (Connection c = Sqlite.open(file, Sqlite.Durability.NORMAL, SCHEMA.subList(0, 1))) {
            assertThat(Sqlite.schemaVersion(c)).isEqualTo(1);
        }
        try (Connection c = Sqlite.open(file, Sqlite.Durability.FULL, SCHEMA)) {
            assertThat(Sqlite.schemaVersion(c)).isEqualTo(2);
            insert(c, "a", 1);
        }
        try (Connection c = Sqlite.open(file, Sqlite.Durability.FULL, SCHEMA)) {
            assertThat(Sqlite.schemaVersion(c)).isEqualTo(2);
            assertThat(count(c)).isEqualTo(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_file_from_a_newer_program_is_refused() throws Exception {
        Path file = dir.resolve("x.db");
        Sqlite.open(file, Sqlite.Durability.NORMAL, SCHEMA).close();

        assertThatThrownBy(() -> Sqlite.open(file, Sqlite.Durability.NORMAL, SCHEMA.subList(0, 1)))
                .isInstanceOf(SQLException.class).hasMessageContaining("schema version 2 is newer");
    }

    @Test
    void a_failed_transaction_leaves_nothing_and_the_connection_usable() throws Exception {
        try (Connection c = Sqlite.open(dir.resolve("x.db"), Sqlite.Durability.NORMAL, SCHEMA)) {
            assertThatThrownBy(() -> Sqlite.inTransaction(c, tx -> {
                insert(tx, "a", 1);
                insert(tx, "a", 2);
                return null;
            })).isInstanceOf(SQLException.class);

            assertThat(count(c)).isZero();
            Sqlite.inTransaction(c, tx -> insert(tx, "b", 1));
            assertThat(count(c)).isEqualTo(1);
        }
    }

    @Test
    void many_connections_that_read_then_write_at_once_all_commit() throws Exception {
        Path file = dir.resolve("shared.db");
        Sqlite.open(file, Sqlite.Durability.FULL, SCHEMA).close();
        int writers = 8;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (Connection c = Sqlite.open(file, Sqlite.Durability.FULL, SCHEMA)) {
                        for (int r = 0; r < rounds; r++) {
                            // a read outside the transaction, then a write: what each upload does per file
                            count(c);
                            int round = r;
                            Sqlite.inTransaction(c, tx -> insert(tx, writer + "-" + round, round));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = Sqlite.open(file, Sqlite.Durability.FULL, SCHEMA)) {
            assertThat(count(c)).isEqualTo(writers * rounds);
        }
    }

    private static int insert(Connection c, String name, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (name, n) VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setInt(2, n);
            return ps.executeUpdate();
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
