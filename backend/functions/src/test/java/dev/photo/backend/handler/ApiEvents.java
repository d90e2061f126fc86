package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** API Gateway v2 events for tests, loaded from the JSON fixtures under resources/events into the real class. */
public final class ApiEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent load(String name) {
        try (InputStream in = ApiEvents.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return MAPPER.readValue(in, APIGatewayV2HTTPEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The authenticated fixture, re-aimed at another route, owner and body. */
    public static APIGatewayV2HTTPEvent as(String owner, String method, String path, Map<String, String> query,
                                    String body) {
        APIGatewayV2HTTPEvent event = load("api-post-uploads.json");
        event.setRawPath(path);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.setQueryStringParameters(query == null ? null : new HashMap<>(query));
        event.setBody(body);
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("sub", owner);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }
}
