package dev.photo.local.api;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.local.support.LoopbackHttpServer;
import dev.photo.local.support.LoopbackHttpServer.Head;
import dev.photo.local.support.LoopbackHttpServer.Reply;
import dev.photo.local.support.LoopbackHttpServer.Step;
import dev.photo.local.support.LocalLambdaContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The HTTP API of the local stack: what API Gateway (HTTP API, payload format 2.0, one {@code $default} route
 * with a JWT authorizer) does in front of the API function. Each request's bearer token is checked by the
 * {@link JwtAuthorizer} (only {@code GET /config} is public) as soon as its headers are in; a request that fails
 * gets 401 {@code {"message":"Unauthorized"}} without its body being read, and never reaches the handler.
 * Accepted requests become the {@link APIGatewayV2HTTPEvent} API Gateway would send, and the handler's response is
 * written back.
 */
public final class ApiServer implements AutoCloseable {

    /** API Gateway allows 10 MB; the API's largest request (100 upload entries) is far below this. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Hop-by-hop or computed here; never copied from the handler's response. */
    private static final Set<String> MANAGED_HEADERS = Set.of("content-length", "transfer-encoding", "connection");

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final JwtAuthorizer authorizer;
    private final Clock clock;
    /** Set once by start; the server's handler is this object, so it exists first. */
    private LoopbackHttpServer server;

    private ApiServer(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                      JwtAuthorizer authorizer, Clock clock) {
        this.handler = handler;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    /** Starts serving on 127.0.0.1 ({@code port} 0 picks a free one). */
    public static ApiServer start(int port, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                  JwtAuthorizer authorizer, Clock clock) {
        return start(port, handler, authorizer, clock, LoopbackHttpServer.Limits.standard(MAX_BODY_BYTES));
    }

    /** As {@link #start(int, RequestHandler, JwtAuthorizer, Clock)}, with other bounds (tests use short ones). */
    public static ApiServer start(int port, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                  JwtAuthorizer authorizer, Clock clock, LoopbackHttpServer.Limits limits) {
        ApiServer s = new ApiServer(handler, authorizer, clock);
        s.server = LoopbackHttpServer.start("api", port, 16, s::start, limits);
        return s;
    }

    /** The API's base URL, without a trailing slash. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * The token is checked on the request's head, before any body byte is read: a caller without a valid token
     * can neither make the server wait for a body nor make it buffer one.
     */
    private Step start(Head head) {
        String requestId = UUID.randomUUID().toString();
        URI uri;
        try {
            uri = new URI(head.rawPath() + (head.rawQuery() == null ? "" : "?" + head.rawQuery()));
        } catch (URISyntaxException e) {
            return Step.answer(withRequestId(message(400, "Bad Request"), requestId));
        }
        Optional<Map<String, Object>> claims = Optional.empty();
        if (!isPublic(head.method(), uri)) {
            claims = authorizer.authorize(head.header("Authorization"));
            if (claims.isEmpty()) {
                Reply unauthorized = withRequestId(message(401, "Unauthorized"), requestId);
                unauthorized.headers().put("www-authenticate", List.of("Bearer"));
                return Step.answer(unauthorized);
            }
        }
        Optional<Map<String, Object>> verified = claims;
        return Step.readBody(body -> withRequestId(reply(invoke(event(head, uri, body, verified, requestId))),
                requestId));
    }

    private static boolean isPublic(String method, URI uri) {
        return "GET".equals(method) && "/config".equals(uri.getPath());
    }

    private static Reply withRequestId(Reply reply, String requestId) {
        reply.headers().put("apigw-requestid", List.of(requestId));
        return reply;
    }

    private APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        try {
            APIGatewayV2HTTPResponse response =
                    handler.handleRequest(event, new LocalLambdaContext("api", FUNCTION_TIMEOUT));
            if (response == null) {
                log.error("API function returned no response for {} {}", event.getRequestContext().getHttp()
                        .getMethod(), event.getRawPath());
            }
            return response;
        } catch (RuntimeException e) {
            log.error("API function failed for {} {}", event.getRequestContext().getHttp().getMethod(),
                    event.getRawPath(), e);
            return null;
        }
    }

    private APIGatewayV2HTTPEvent event(Head head, URI uri, byte[] body, Optional<Map<String, Object>> claims,
                                        String requestId) {
        Map<String, String> headers = headers(head.headers());
        String cookieHeader = headers.remove("cookie");
        Instant now = clock.instant();

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(head.method());
        http.setPath(uri.getPath());
        http.setProtocol(head.protocol());
        http.setSourceIp(head.remoteAddress());
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("000000000000");
        context.setApiId("local");
        String host = headers.getOrDefault("host", "127.0.0.1");
        context.setDomainName(host);
        context.setDomainPrefix(host.split("[.:]", 2)[0]);
        context.setHttp(http);
        context.setRequestId(requestId);
        context.setRouteKey("$default");
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        claims.ifPresent(c -> context.setAuthorizer(authorizer(c)));

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(uri.getRawPath());
        event.setRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        event.setCookies(cookieHeader == null ? null : List.of(cookieHeader.split(";\\s*")));
        event.setHeaders(headers);
        event.setQueryStringParameters(query(uri.getRawQuery()));
        event.setRequestContext(context);
        if (body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.setBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!text);
        }
        return event;
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Map<String, Object> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt =
                new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Claims.flatten(claims));
        Object scope = claims.get("scope");
        jwt.setScopes(scope instanceof String s ? List.of(s.split(" ")) : null);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        return authorizer;
    }

    /** Lower-case names; repeated headers joined with commas, as API Gateway does for payload 2.0. */
    private static Map<String, String> headers(Map<String, List<String>> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((name, values) -> out.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (a, b) -> a + "," + b));
        return out;
    }

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    private static Reply reply(APIGatewayV2HTTPResponse response) {
        if (response == null) {
            return message(500, "Internal Server Error");
        }
        Map<String, List<String>> out = Reply.newHeaders();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (!MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && values != null) {
                    out.put(name, new ArrayList<>(values));
                }
            });
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> {
                if (!MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                    out.put(name, new ArrayList<>(List.of(value)));
                }
            });
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(c -> out.computeIfAbsent("Set-Cookie", n -> new ArrayList<>()).add(c));
        }
        byte[] body = responseBody(response);
        if (body.length > 0 && !out.containsKey("Content-Type")) {
            out.put("Content-Type", List.of("application/json"));
        }
        return new Reply(response.getStatusCode(), out, body);
    }

    private static byte[] responseBody(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static Reply message(int status, String message) {
        return Reply.of(status, "application/json",
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
