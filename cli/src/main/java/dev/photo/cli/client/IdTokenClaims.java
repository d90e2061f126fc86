package dev.photo.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.photo.cli.CliException;
import dev.photo.cli.ExitCodes;
import dev.photo.cli.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The claims of an ID token, read without checking the signature: the token comes from our own cache and is
 * only shown to its owner; the API checks signatures on every call.
 */
public record IdTokenClaims(String username, String sub, List<String> groups, Instant expiresAt) {

    public static IdTokenClaims decode(String idToken) {
        String[] parts = idToken == null ? new String[0] : idToken.split("\\.");
        if (parts.length < 2) {
            throw new CliException(ExitCodes.AUTH, "the cached ID token is malformed; log in again with: photo login");
        }
        try {
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            List<String> groups = new ArrayList<>();
            claims.path("cognito:groups").forEach(group -> groups.add(group.asText()));
            String username = claims.hasNonNull("cognito:username") ? claims.get("cognito:username").asText()
                    : claims.path("username").asText(null);
            Instant expiresAt = claims.hasNonNull("exp") ? Instant.ofEpochSecond(claims.get("exp").asLong()) : null;
            return new IdTokenClaims(username, claims.path("sub").asText(null), List.copyOf(groups), expiresAt);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.AUTH, "the cached ID token is malformed; log in again with: photo login");
        }
    }
}
