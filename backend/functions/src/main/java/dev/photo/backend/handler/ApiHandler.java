package dev.photo.backend.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;

import java.time.Clock;

/**
 * Lambda entry point for the HTTP API (API Gateway payload format 2.0). The owner of every request is the
 * {@code sub} claim that the JWT authorizer verified; see docs/api.md for the routes.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public ApiHandler(BackendConfig config, PhotoRepository photos, ObjectStore objects, Clock clock) {
        throw new IllegalStateException("being written");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        throw new IllegalStateException("being written");
    }
}
