package dev.photo.backend.core;

/** One owner's {@link RepositoryStats}; {@code owner} is the Cognito {@code sub}. */
public record OwnerStats(String owner, RepositoryStats stats) {
}
