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
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("user names are 1-128 printable characters without spaces");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        LocalUser user = new LocalUser(username, UUID.randomUUID().toString(), groups);
        String hash = hasher.hash(password.toCharArray());
        return db.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                throw new IllegalArgumentException("user " + username + " already exists");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (username, sub, password_hash,"
                    + " groups_json, created_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, user.username());
                ps.setString(2, user.sub());
                ps.setString(3, hash);
                ps.setString(4, toJson(user.groups()));
                ps.setString(5, clock.instant().toString());
                ps.executeUpdate();
            }
            return user;
        });
    }

    public Optional<LocalUser> find(String username) {
        return db.inTransaction(c -> find(c, username).map(Row::user));
    }

    /** The user if the password is theirs; empty for a wrong password and an unknown user alike. */
    public Optional<LocalUser> authenticate(String username, String password) {
        Optional<Row> row = db.inTransaction(c -> find(c, username));
        boolean ok = hasher.matches(password.toCharArray(), row.map(Row::passwordHash).orElse(DECOY_HASH));
        return ok ? row.map(Row::user) : Optional.empty();
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
                    return find(c, username).map(row -> new RefreshGrant(row.user(), originJti, authTime));
                }
            }
        });
    }

    private Optional<Row> find(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT username, sub, password_hash, groups_json FROM users WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                LocalUser user = new LocalUser(rs.getString(1), rs.getString(2), fromJson(rs.getString(4)));
                return Optional.of(new Row(user, rs.getString(3)));
            }
        }
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

    private record Row(LocalUser user, String passwordHash) {
    }
}
