package dev.photo.local.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimsTest {

    @Test
    void flattens_claims_the_way_api_gateway_does() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "abc");
        claims.put("cognito:groups", List.of("admin", "family"));
        claims.put("exp", 1767323045L);
        claims.put("ratio", 1.50);
        claims.put("verified", true);
        claims.put("address", Map.of("zip", "1234", "city", "Bern"));
        claims.put("nothing", null);

        assertThat(Claims.flatten(claims)).containsExactly(
                Map.entry("sub", "abc"),
                Map.entry("cognito:groups", "[admin family]"),
                Map.entry("exp", "1767323045"),
                Map.entry("ratio", "1.5"),
                Map.entry("verified", "true"),
                Map.entry("address", "map[city:Bern zip:1234]"));
    }
}
