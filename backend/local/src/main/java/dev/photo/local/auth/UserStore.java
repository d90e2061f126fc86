package dev.photo.local.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.local.db.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Users and refresh tokens of the local pool, in the stack's database. Passwords are stored as salted PBKDF2 hashes
 * and refresh tokens only as their SHA-256, so a copied database file yields no usable secret.
 */
public final class UserStore {

    public static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    /** Checked against when the user does not exist, so that a wrong name costs as long as a wrong password. */
    static final String DECOY_HASH = PasswordHasher.decoy();

    private final Database db;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper();

    public UserStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a user with a fresh random {@code sub}.
     *
     * @throws IllegalArgumentException if the name is not a valid Cognito user name, the password is empty, or
     *                                  the name is taken
     */
    public LocalUser create(String username, String password, List<String> groups) {
        return insert(username, null, password, groups, false).user();
    }

    /**
     * Adds a user whose password is temporary: the first login answers NEW_PASSWORD_REQUIRED, as Cognito does for
     * a user an admin created, and only {@link #changePassword} lets them in.
     *
     * @throws IllegalArgumentException as {@link #create}
     */
    public LocalAccount createWithTemporaryPassword(String username, String email, String temporaryPassword,
                                                    List<String> groups) {
        return insert(username, email, temporaryPassword, groups, true);
    }

    private LocalAccount insert(String username, String email, String password, List<String> groups,
                                boolean mustChange) {
        if (!validUsername(username)) {
            throw new IllegalArgumentException("user names are 1-128 printable characters without spaces");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        LocalUser user = new LocalUser(username, UUID.randomUUID().toString(), groups);
        String hash = hasher.hash(password.toCharArray());
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                throw new IllegalArgumentException("user " + username + " already exists");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, sub, password_hash,"
                    + " groups_json, created_at, email, enabled, must_change_password)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 1, ?)")) {
                ps.setString(1, user.username());
                ps.setString(2, user.sub());
                ps.setString(3, hash);
                ps.setString(4, toJson(user.groups()));
                ps.setString(5, now.toString());
                ps.setString(6, email);
                ps.setInt(7, mustChange ? 1 : 0);
                ps.executeUpdate();
            }
            return new LocalAccount(user, email, true, mustChange, now);
        });
    }

    /** Whether Cognito would take this as a user name. */
    public static boolean validUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    public Optional<LocalUser> find(String username) {
        return db.inTransaction(c -> find(c, username).map(Row::user));
    }

    /** The account with this name, whatever its state. */
    public Optional<LocalAccount> account(String username) {
        return db.inTransaction(c -> find(c, username).map(Row::account));
    }

    /** The account whose {@code sub} this is. */
    public Optional<LocalAccount> accountBySub(String sub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW + " FROM users WHERE sub = ?")) {
                ps.setString(1, sub);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs).account()) : Optional.empty();
                }
            }
        });
    }

    /** Up to {@code limit} accounts by user name, starting after {@code afterUsername} (null for the first). */
    public List<LocalAccount> list(int limit, String afterUsername) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW + " FROM users WHERE username > ?"
                    + " ORDER BY username LIMIT ?")) {
                ps.setString(1, afterUsername == null ? "" : afterUsername);
                ps.setInt(2, limit);
                List<LocalAccount> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs).account());
                    }
                }
                return out;
            }
        });
    }

    /**
     * The account if the password is theirs; empty for a wrong password and an unknown user alike. The caller
     * decides what a disabled account or a temporary password means.
     */
    public Optional<LocalAccount> authenticate(String username, String password) {
        Optional<Row> row = db.inTransaction(c -> find(c, username));
        boolean ok = hasher.matches(password.toCharArray(), row.map(Row::passwordHash).orElse(DECOY_HASH));
        return ok ? row.map(Row::account) : Optional.empty();
    }

    /**
     * Replaces the password and ends the obligation to change it.
     *
     * @return whether there was such a user
     * @throws IllegalArgumentException if the new password is empty
     */
    public boolean changePassword(String username, String newPassword) {
        if (newPassword == null || newPassword.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        String hash = hasher.hash(newPassword.toCharArray());
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash = ?,"
                    + " must_change_password = 0 WHERE username = ?")) {
                ps.setString(1, hash);
                ps.setString(2, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Enables or disables the account. Disabling also drops its refresh tokens, so that the next refresh fails
     * (its access tokens run out within the hour, as on Cognito).
     *
     * @return whether there was such a user
     */
    public boolean setEnabled(String username, boolean enabled) {
        return db.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET enabled = ? WHERE username = ?")) {
                ps.setInt(1, enabled ? 1 : 0);
                ps.setString(2, username);
                updated = ps.executeUpdate();
            }
            if (!enabled) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM refresh_tokens WHERE username = ?")) {
                    ps.setString(1, username);
                    ps.executeUpdate();
                }
            }
            return updated == 1;
        });
    }

    /**
     * Replaces the account's groups; they reach {@code cognito:groups} at the next login or refresh.
     *
     * @return whether there was such a user
     */
    public boolean setGroups(String username, List<String> groups) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET groups_json = ? WHERE username = ?")) {
                ps.setString(1, toJson(List.copyOf(groups)));
                ps.setString(2, username);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Forgets a refresh token issued to this client, as Cognito's RevokeToken does.
     *
     * @return whether the token was one this client holds
     */
    public boolean revokeRefreshToken(String token, String clientId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM refresh_tokens WHERE token_hash = ? AND client_id = ?")) {
                ps.setString(1, sha256(token));
                ps.setString(2, clientId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** A new random 256-bit refresh token for this login; only its hash is stored. */
    public String issueRefreshToken(LocalUser user, String clientId, String originJti, long authTime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        db.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at < ?")) {
                purge.setLong(1, now.getEpochSecond());
                purge.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO refresh_tokens (token_hash, username,"
                    + " client_id, origin_jti, auth_time, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, sha256(token));
                ps.setString(2, user.username());
                ps.setString(3, clientId);
                ps.setString(4, originJti);
                ps.setLong(5, authTime);
                ps.setLong(6, now.plus(REFRESH_TOKEN_TTL).getEpochSecond());
                ps.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The login a refresh token continues, if it was issued to this client and has not expired. */
    public Optional<RefreshGrant> redeemRefreshToken(String token, String clientId) {
        long now = clock.instant().getEpochSecond();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT username, client_id, origin_jti, auth_time,"
                    + " expires_at FROM refresh_tokens WHERE token_hash = ?")) {
                ps.setString(1, sha256(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !rs.getString(2).equals(clientId) || rs.getLong(5) < now) {
                        return Optional.empty();
                    }
                    String username = rs.getString(1);
                    String originJti = rs.getString(3);
                    long authTime = rs.getLong(4);
                    // a disabled user's refresh tokens are dropped when disabled; this holds even for one issued
                    // by a concurrent login
                    return find(c, username).filter(row -> row.account().enabled())
                            .map(row -> new RefreshGrant(row.user(), originJti, authTime));
                }
            }
        });
    }

    private Optional<Row> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW + " FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static final String ROW = "username, sub, password_hash, groups_json, email, enabled,"
            + " must_change_password, created_at";

    private Row row(ResultSet rs) throws SQLException {
        LocalUser user = new LocalUser(rs.getString(1), rs.getString(2), fromJson(rs.getString(4)));
        String created = rs.getString(8);
        return new Row(new LocalAccount(user, rs.getString(5), rs.getInt(6) == 1, rs.getInt(7) == 1,
                created == null ? null : Instant.parse(created)), rs.getString(3));
    }

    private String toJson(List<String> groups) {
        try {
            return json.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private List<String> fromJson(String text) {
        try {
            return json.readValue(text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("groups column is not a JSON list", e);
        }
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Row(LocalAccount account, String passwordHash) {

        LocalUser user() {
            return account.user();
        }
    }
}
