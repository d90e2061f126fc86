package dev.photo.backend.handler;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code cognito:groups} from the claims API Gateway's HTTP API passes on. The gateway flattens every claim to
 * a string, so a JSON array arrives as {@code "[admins other]"}; a JSON-array string ({@code ["admins","other"]})
 * and a single bare name are read too, so that no authorizer's formatting locks an admin out or lets one in.
 */
final class AdminGroups {

    /** The Cognito group whose members may call ADMIN routes. */
    static final String ADMIN_GROUP = "admins";
    static final String CLAIM = "cognito:groups";

    private AdminGroups() {
    }

    static boolean isAdmin(Map<String, String> claims) {
        return groups(claims.get(CLAIM)).contains(ADMIN_GROUP);
    }

    static Set<String> groups(String claim) {
        if (claim == null) {
            return Set.of();
        }
        String text = claim.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        return Arrays.stream(text.split("[\\s,]+"))
                .map(AdminGroups::unquote)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String unquote(String name) {
        return name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name;
    }
}
