package dev.photo.backend.port;

import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.Page;

import java.util.Optional;

/**
 * The user pool, for admins: Cognito's admin API on AWS, the user store on the local stack. Users are named by user
 * name. Adapters turn a missing user into {@link dev.photo.backend.core.NotFoundException}, a taken name into
 * {@link dev.photo.backend.core.ConflictException}, a name or password the pool refuses into
 * {@link dev.photo.backend.core.BadRequestException}, and other failures into {@link UserDirectoryException}.
 */
public interface UserDirectory {

    /**
     * The users by user name.
     *
     * @param cursor the previous page's {@link Page#nextCursor()}, or null
     */
    Page<DirectoryUser> list(int limit, String cursor);

    /** The user whose {@code sub} this is: how stats name the owners of photos. */
    Optional<DirectoryUser> findBySub(String sub);

    /** The user with this name. */
    Optional<DirectoryUser> find(String username);

    /**
     * Adds a user who must choose a new password at the first login.
     *
     * @param temporaryPassword null to have the pool generate one and send an invitation to {@code email}
     */
    DirectoryUser create(String username, String email, String temporaryPassword);

    /** Enables or disables login; a disabled user's refresh tokens stop working at once. */
    void setEnabled(String username, boolean enabled);

    /** Adds the user to the group, or removes them from it; either is a no-op when already so. */
    void setMember(String username, String group, boolean member);
}
