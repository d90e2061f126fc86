package dev.photo.backend.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the API's route table: a method, a path pattern whose {@code {name}} segments each stand for one path
 * segment, and who may call it.
 */
public record Route(String method, String pattern, Access access) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(access, "access");
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route pattern starts with /: " + pattern);
        }
    }

    /**
     * The values of the pattern's {@code {name}} segments if {@code path} has this shape, else empty. A value is the
     * raw segment, possibly empty: the service behind decides what an id that names nothing means.
     */
    public Optional<Map<String, String>> match(String path) {
        List<String> want = List.of(pattern.substring(1).split("/", -1));
        List<String> have = List.of(path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {path});
        if (want.size() != have.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String segment = want.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                params.put(segment.substring(1, segment.length() - 1), have.get(i));
            } else if (!segment.equals(have.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }
}
