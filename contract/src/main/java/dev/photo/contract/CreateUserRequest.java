package dev.photo.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /admin/users}.
 *
 * @param temporaryPassword the password for the first login, which must then be changed; null to have an
 *                          invitation with a generated one sent to {@code email} (Cognito only)
 * @param admin             {@code true} to add the user to the {@code admins} group at once
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateUserRequest(String username, String email, String temporaryPassword, Boolean admin) {

    /** Never prints the temporary password. */
    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", email=" + email + ", admin=" + admin + "]";
    }
}
