package dev.photo.local.auth;

import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.NotFoundException;
import dev.photo.backend.core.Page;
import dev.photo.backend.port.UserDirectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@link UserDirectory} over the local stack's {@link UserStore}. The local stack sends no mail, so a user is always
 * added with a temporary password; the cursor is the base64url of the last user name of the page.
 */
public final class LocalUserDirectory implements UserDirectory {

    private final UserStore users;

    public LocalUserDirectory(UserStore users) {
        this.users = users;
    }

    @Override
    public Page<DirectoryUser> list(int limit, String cursor) {
        String after = null;
        if (cursor != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("invalid_cursor", "cursor is not one this API issued");
            }
        }
        List<LocalAccount> accounts = users.list(limit + 1, after);
        List<DirectoryUser> page = new ArrayList<>();
        for (LocalAccount account : accounts.subList(0, Math.min(limit, accounts.size()))) {
            page.add(user(account));
        }
        String next = accounts.size() > limit
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                        page.get(page.size() - 1).username().getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(page, next);
    }

    @Override
    public Optional<DirectoryUser> findBySub(String sub) {
        return users.accountBySub(sub).map(LocalUserDirectory::user);
    }

    @Override
    public Optional<DirectoryUser> find(String username) {
        return users.account(username).map(LocalUserDirectory::user);
    }

    @Override
    public DirectoryUser create(String username, String email, String temporaryPassword) {
        if (temporaryPassword == null) {
            throw new BadRequestException("invalid_password",
                    "the local stack sends no invitations: give a temporary password");
        }
        if (!UserStore.validUsername(username)) {
            throw new BadRequestException("invalid_username",
                    "user names are 1-128 printable characters without spaces");
        }
        if (users.account(username).isPresent()) {
            throw new ConflictException("user " + username + " already exists");
        }
        try {
            return user(users.createWithTemporaryPassword(username, email, temporaryPassword, List.of()));
        } catch (IllegalArgumentException e) {
            // a concurrent add of the same name
            throw new ConflictException("user " + username + " already exists");
        }
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        if (!users.setEnabled(username, enabled)) {
            throw noSuchUser(username);
        }
    }

    @Override
    public void setMember(String username, String group, boolean member) {
        LocalAccount account = users.account(username).orElseThrow(() -> noSuchUser(username));
        List<String> groups = new ArrayList<>(account.user().groups());
        groups.remove(group);
        if (member) {
            groups.add(group);
        }
        users.setGroups(username, groups);
    }

    private static NotFoundException noSuchUser(String username) {
        return new NotFoundException("no user " + username);
    }

    private static DirectoryUser user(LocalAccount account) {
        return new DirectoryUser(account.user().username(), account.user().sub(), account.email(), account.enabled(),
                account.mustChangePassword() ? DirectoryUser.FORCE_CHANGE_PASSWORD : DirectoryUser.CONFIRMED,
                account.user().groups(), account.createdAt());
    }
}
