package dev.photo.local.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns verified JWT claims into the {@code Map<String, String>} that API Gateway's HTTP API puts in
 * {@code requestContext.authorizer.jwt.claims}: strings as they are, numbers in plain notation, arrays as
 * {@code [a b]} (so {@code cognito:groups} arrives as {@code "[admin]"}) and objects as {@code map[k:v]}.
 */
public final class Claims {

    private Claims() {
    }

    public static Map<String, String> flatten(Map<String, Object> claims) {
        Map<String, String> out = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (value != null) {
                out.put(name, text(value));
            }
        });
        return out;
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Claims::text).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map).entrySet().stream()
                    .map(e -> e.getKey() + ":" + text(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
