package dev.photo.backend.aws;

import dev.photo.backend.core.BadRequestException;
import dev.photo.backend.core.ConflictException;
import dev.photo.backend.core.DirectoryUser;
import dev.photo.backend.core.NotFoundException;
import dev.photo.backend.core.Page;
import dev.photo.backend.port.UserDirectory;
import dev.photo.backend.port.UserDirectoryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidPasswordException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link UserDirectory} over Cognito's admin API. Disabling is {@code AdminDisableUser} followed by
 * {@code AdminUserGlobalSignOut}, so that the user's refresh tokens stop working at once rather than at expiry.
 * Groups are read per user ({@code AdminListGroupsForUser}): a page of users costs one call per user, which is why
 * pages are small.
 */
public final class CognitoUserDirectory implements UserDirectory {

    /** A sub is a UUID; anything else must not reach a ListUsers filter. */
    private static final Pattern SUB = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final CognitoIdentityProviderClient cognito;
    private final String userPoolId;

    public CognitoUserDirectory(CognitoIdentityProviderClient cognito, String userPoolId) {
        this.cognito = cognito;
        this.userPoolId = userPoolId;
    }

    @Override
    public Page<DirectoryUser> list(int limit, String cursor) {
        ListUsersResponse response = call(() -> cognito.listUsers(r -> r.userPoolId(userPoolId)
                .limit(Math.min(limit, 60)).paginationToken(cursor)));
        List<DirectoryUser> users = new ArrayList<>();
        for (UserType user : response.users()) {
            users.add(user(user.username(), user.attributes(), user.enabled(), user.userStatusAsString(),
                    user.userCreateDate() == null ? null : user.userCreateDate()));
        }
        return new Page<>(users, response.paginationToken());
    }

    @Override
    public Optional<DirectoryUser> findBySub(String sub) {
        if (sub == null || !SUB.matcher(sub).matches()) {
            return Optional.empty();
        }
        ListUsersResponse response = call(() -> cognito.listUsers(r -> r.userPoolId(userPoolId)
                .filter("sub = \"" + sub + "\"").limit(1)));
        return response.users().stream().findFirst().map(u -> user(u.username(), u.attributes(), u.enabled(),
                u.userStatusAsString(), u.userCreateDate()));
    }

    @Override
    public Optional<DirectoryUser> find(String username) {
        try {
            AdminGetUserResponse user = cognito.adminGetUser(r -> r.userPoolId(userPoolId).username(username));
            return Optional.of(user(user.username(), user.userAttributes(), user.enabled(),
                    user.userStatusAsString(), user.userCreateDate()));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public DirectoryUser create(String username, String email, String temporaryPassword) {
        List<AttributeType> attributes = new ArrayList<>();
        if (email != null) {
            attributes.add(AttributeType.builder().name("email").value(email).build());
            attributes.add(AttributeType.builder().name("email_verified").value("true").build());
        }
        try {
            AdminCreateUserResponse created = cognito.adminCreateUser(r -> {
                r.userPoolId(userPoolId).username(username).userAttributes(attributes);
                if (temporaryPassword != null) {
                    // the admin hands the password over; Cognito sends nothing
                    r.temporaryPassword(temporaryPassword).messageAction("SUPPRESS");
                } else if (email != null) {
                    r.desiredDeliveryMediums(DeliveryMediumType.EMAIL);
                } else {
                    throw new BadRequestException("invalid_password",
                            "give a temporary password, or an email address to send the invitation to");
                }
            });
            UserType user = created.user();
            return user(user.username(), user.attributes(), user.enabled(), user.userStatusAsString(),
                    user.userCreateDate());
        } catch (UsernameExistsException e) {
            throw new ConflictException("user " + username + " already exists");
        } catch (InvalidPasswordException e) {
            throw new BadRequestException("invalid_password", "the temporary password does not meet the pool's"
                    + " password policy");
        } catch (InvalidParameterException e) {
            throw new BadRequestException("invalid_username", "the user pool refused the user name or email");
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        try {
            if (enabled) {
                cognito.adminEnableUser(r -> r.userPoolId(userPoolId).username(username));
            } else {
                cognito.adminDisableUser(r -> r.userPoolId(userPoolId).username(username));
                cognito.adminUserGlobalSignOut(r -> r.userPoolId(userPoolId).username(username));
            }
        } catch (UserNotFoundException e) {
            throw new NotFoundException("no user " + username);
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    @Override
    public void setMember(String username, String group, boolean member) {
        try {
            if (member) {
                cognito.adminAddUserToGroup(r -> r.userPoolId(userPoolId).username(username).groupName(group));
            } else {
                cognito.adminRemoveUserFromGroup(r -> r.userPoolId(userPoolId).username(username)
                        .groupName(group));
            }
        } catch (UserNotFoundException e) {
            throw new NotFoundException("no user " + username);
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    private DirectoryUser user(String username, List<AttributeType> attributes, Boolean enabled, String status,
                               java.time.Instant createdAt) {
        return new DirectoryUser(username, attribute(attributes, "sub"), attribute(attributes, "email"),
                !Boolean.FALSE.equals(enabled), status, groups(username), createdAt);
    }

    private List<String> groups(String username) {
        return call(() -> cognito.adminListGroupsForUser(r -> r.userPoolId(userPoolId).username(username)))
                .groups().stream().map(GroupType::groupName).toList();
    }

    private static String attribute(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> name.equals(a.name())).map(AttributeType::value).findFirst()
                .orElse(null);
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw failed(e);
        }
    }

    private static UserDirectoryException failed(SdkException e) {
        return new UserDirectoryException("the user pool failed", e);
    }
}
