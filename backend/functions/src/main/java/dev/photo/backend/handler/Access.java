package dev.photo.backend.handler;

/** Who may call a route. */
public enum Access {
    /** Anyone, with or without a token. */
    PUBLIC,
    /** Any caller with a verified {@code sub}; the records it reaches are that caller's own. */
    USER,
    /** A verified caller whose {@code cognito:groups} claim holds {@value AdminGroups#ADMIN_GROUP}. */
    ADMIN
}
