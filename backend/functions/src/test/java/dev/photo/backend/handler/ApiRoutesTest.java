package dev.photo.backend.handler;

import dev.photo.backend.fakes.AdminFakes;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.fakes.InMemoryObjectStore;
import dev.photo.backend.fakes.InMemoryPhotoRepository;
import dev.photo.backend.fakes.NoMultipartUploads;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The route table: what it lists, how it matches paths, and how each access level is enforced. */
class ApiRoutesTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final BackendConfig CONFIG = BackendConfig.of("eu-west-1", "bucket", "eu-west-1_example",
            "photo-cli", URI.create("http://127.0.0.1:1/"));

    private static ApiHandler handler(List<ApiHandler.Binding> extra) {
        return new ApiHandler(CONFIG, new InMemoryPhotoRepository(), new InMemoryObjectStore(),
                new NoMultipartUploads(), AdminFakes.ports(), Clock.systemUTC(), extra);
    }

    private static final ApiHandler.Binding ADMIN_PING = ApiHandler.bind("GET", "/admin/ping", Access.ADMIN,
            call -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(call.owner()).build());

    private static APIGatewayV2HTTPEvent withGroups(String method, String path, String groups) {
        APIGatewayV2HTTPEvent event = ApiEvents.as(ALICE, method, path, null, null);
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        if (groups == null) {
            claims.remove("cognito:groups");
        } else {
            claims.put("cognito:groups", groups);
        }
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    @Test
    void lists_every_route_of_the_api_with_its_access() {
        assertThat(handler(List.of()).routes()).containsExactly(
                new Route("GET", "/config", Access.PUBLIC),
                new Route("POST", "/uploads", Access.USER),
                new Route("DELETE", "/uploads/{id}", Access.USER),
                new Route("POST", "/uploads/{id}/parts", Access.USER),
                new Route("POST", "/uploads/{id}/complete", Access.USER),
                new Route("GET", "/photos", Access.USER),
                new Route("GET", "/photos/{id}", Access.USER),
                new Route("DELETE", "/photos/{id}", Access.USER),
                new Route("POST", "/photos/{id}/move", Access.USER),
                new Route("GET", "/albums", Access.USER),
                new Route("POST", "/albums/{name}/rename", Access.USER),
                new Route("POST", "/admin/reprocess", Access.ADMIN),
                new Route("GET", "/admin/reprocess/{jobId}", Access.ADMIN),
                new Route("GET", "/admin/stats", Access.ADMIN),
                new Route("GET", "/admin/users", Access.ADMIN),
                new Route("POST", "/admin/users", Access.ADMIN),
                new Route("GET", "/admin/users/{username}", Access.ADMIN),
                new Route("POST", "/admin/users/{username}/disable", Access.ADMIN),
                new Route("POST", "/admin/users/{username}/enable", Access.ADMIN),
                new Route("POST", "/admin/users/{username}/promote", Access.ADMIN),
                new Route("POST", "/admin/users/{username}/demote", Access.ADMIN));
    }

    @Test
    void the_route_list_cannot_be_changed_by_a_caller() {
        List<Route> routes = handler(List.of()).routes();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> routes.add(new Route("GET", "/x", Access.PUBLIC)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_pattern_segment_matches_exactly_one_path_segment() {
        Route parts = new Route("POST", "/uploads/{id}/parts", Access.USER);

        assertThat(parts.match("/uploads/abc/parts")).contains(Map.of("id", "abc"));
        assertThat(parts.match("/uploads/abc/def/parts")).isEmpty();
        assertThat(parts.match("/uploads/abc")).isEmpty();
        assertThat(parts.match("/uploads/abc/complete")).isEmpty();
    }

    @Test
    void a_known_path_with_another_method_names_the_methods_it_takes() {
        APIGatewayV2HTTPResponse response = handler(List.of())
                .handleRequest(ApiEvents.as(ALICE, "PUT", "/photos/abc", null, null), null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getBody()).contains("method_not_allowed").contains("use GET or DELETE here");
    }

    @Test
    void an_admin_route_answers_a_member_of_the_admins_group_in_the_gateways_format() {
        APIGatewayV2HTTPResponse response = handler(List.of(ADMIN_PING))
                .handleRequest(withGroups("GET", "/admin/ping", "[admins photographers]"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo(ALICE);
    }

    @Test
    void an_admin_route_answers_a_member_named_in_a_json_array_string() {
        APIGatewayV2HTTPResponse response = handler(List.of(ADMIN_PING))
                .handleRequest(withGroups("GET", "/admin/ping", "[\"photographers\",\"admins\"]"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void an_admin_route_refuses_a_caller_outside_the_admins_group_with_403_forbidden() {
        for (String groups : new String[] {null, "", "[]", "[photographers]", "[admin]", "[administrators]",
                "[\"admin\"]", "notadmins"}) {
            APIGatewayV2HTTPResponse response = handler(List.of(ADMIN_PING))
                    .handleRequest(withGroups("GET", "/admin/ping", groups), null);

            assertThat(response.getStatusCode()).as(String.valueOf(groups)).isEqualTo(403);
            assertThat(response.getBody()).as(String.valueOf(groups)).contains("\"code\":\"forbidden\"");
        }
    }

    @Test
    void an_admin_route_without_a_verified_sub_is_401_before_groups_are_read() {
        APIGatewayV2HTTPEvent event = withGroups("GET", "/admin/ping", "[admins]");
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.remove("sub");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);

        APIGatewayV2HTTPResponse response = handler(List.of(ADMIN_PING)).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
    }

    @Test
    void a_public_route_needs_no_token() {
        APIGatewayV2HTTPEvent event = ApiEvents.load("api-get-config-public.json");

        APIGatewayV2HTTPResponse response = handler(List.of()).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
