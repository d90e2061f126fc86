package dev.photo.local.auth;

/** What a valid refresh token stands for: the user, and the login it continues (Cognito keeps both on refresh). */
public record RefreshGrant(LocalUser user, String originJti, long authTime) {
}
