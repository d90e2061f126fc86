package dev.photo.contract;

import java.util.List;

/** One page of {@code GET /admin/users}. */
public record UserPage(List<UserInfo> users, String nextCursor) {

    public UserPage {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
