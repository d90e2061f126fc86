package dev.photo.local.auth;

import dev.photo.local.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserStoreTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_user_is_checked_against_a_hash_that_costs_as_much_as_a_real_one() {
        String real = new PasswordHasher().hash("secret".toCharArray());

        String[] decoy = UserStore.DECOY_HASH.split("\\$");
        String[] stored = real.split("\\$");
        assertThat(decoy).hasSize(4);
        assertThat(decoy[0]).isEqualTo(stored[0]);
        assertThat(decoy[1]).isEqualTo(stored[1]).isEqualTo(String.valueOf(PasswordHasher.ITERATIONS));
        assertThat(Base64.getDecoder().decode(decoy[2])).hasSameSizeAs(Base64.getDecoder().decode(stored[2]));
        assertThat(Base64.getDecoder().decode(decoy[3])).hasSameSizeAs(Base64.getDecoder().decode(stored[3]));
    }

    @Test
    void an_unknown_user_and_a_wrong_password_are_both_refused() {
        try (Database db = Database.open(dir.resolve("photo.db"))) {
            UserStore users = new UserStore(db, Clock.systemUTC());
            users.create("alice", "secret", List.of());

            assertThat(users.authenticate("alice", "secret")).isPresent();
            assertThat(users.authenticate("alice", "wrong")).isEmpty();
            assertThat(users.authenticate("nobody", "secret")).isEmpty();
        }
    }
}
