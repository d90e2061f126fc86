package dev.photo.backend.fakes;

import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.NotFoundException;
import dev.photo.backend.core.Page;
import dev.photo.backend.port.UserDirectory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** A {@link UserDirectory} in a sorted map; the cursor is the last user name of the page. */
public final class InMemoryUserDirectory implements UserDirectory {

    private final Map<String, DirectoryUser> users = new TreeMap<>();
    private final Map<String, String> passwords = new TreeMap<>();

    /** Adds a confirmed user with this sub (test set-up). */
    public synchronized DirectoryUser add(String username, String sub, List<String> groups) {
        DirectoryUser user = new DirectoryUser(username, sub, null, true, DirectoryUser.CONFIRMED, groups,
                Instant.parse("2026-01-01T00:00:00Z"));
        users.put(username, user);
        return user;
    }

    /** The temporary password a user was created with. */
    public synchronized Optional<String> temporaryPassword(String username) {
        return Optional.ofNullable(passwords.get(username));
    }

    @Override
    public synchronized Page<DirectoryUser> list(int limit, String cursor) {
        List<DirectoryUser> after = users.values().stream()
                .filter(u -> cursor == null || u.username().compareTo(cursor) > 0).toList();
        if (after.size() <= limit) {
            return new Page<>(after, null);
        }
        List<DirectoryUser> page = new ArrayList<>(after.subList(0, limit));
        return new Page<>(page, page.get(limit - 1).username());
    }

    @Override
    public synchronized Optional<DirectoryUser> findBySub(String sub) {
        return users.values().stream().filter(u -> sub.equals(u.sub())).findFirst();
    }

    @Override
    public synchronized Optional<DirectoryUser> find(String username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public synchronized DirectoryUser create(String username, String email, String temporaryPassword) {
        if (users.containsKey(username)) {
            throw new ConflictException("user " + username + " already exists");
        }
        if (temporaryPassword == null && email == null) {
            throw new BadRequestException("invalid_password", "give a temporary password or an email address");
        }
        DirectoryUser user = new DirectoryUser(username, UUID.randomUUID().toString(), email, true,
                DirectoryUser.FORCE_CHANGE_PASSWORD, List.of(), Instant.parse("2026-01-01T00:00:00Z"));
        users.put(username, user);
        if (temporaryPassword != null) {
            passwords.put(username, temporaryPassword);
        }
        return user;
    }

    @Override
    public synchronized void setEnabled(String username, boolean enabled) {
        DirectoryUser u = existing(username);
        users.put(username, new DirectoryUser(u.username(), u.sub(), u.email(), enabled, u.status(), u.groups(),
                u.createdAt()));
    }

    @Override
    public synchronized void setMember(String username, String group, boolean member) {
        DirectoryUser u = existing(username);
        List<String> groups = new ArrayList<>(u.groups());
        groups.remove(group);
        if (member) {
            groups.add(group);
        }
        users.put(username, new DirectoryUser(u.username(), u.sub(), u.email(), u.enabled(), u.status(), groups,
                u.createdAt()));
    }

    private DirectoryUser existing(String username) {
        DirectoryUser u = users.get(username);
        if (u == null) {
            throw new NotFoundException("no user " + username);
        }
        return u;
    }
}
