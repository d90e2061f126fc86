package dev.photo.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;

import java.time.Clock;

/**
 * The two Lambda functions the local stack runs, built from its config and ports. {@link #real()} gives the
 * production handlers; tests of the stack's own plumbing can pass stand-ins.
 */
public interface BackendFunctions {

    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(BackendConfig config, PhotoRepository photos,
                                                                         ObjectStore objects);

    RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects);

    /** {@link ApiHandler} and {@link ProcessorHandler}, exactly as deployed. */
    static BackendFunctions real() {
        return of((config, photos, objects) -> new ApiHandler(config, photos, objects, Clock.systemUTC()),
                (config, photos, objects) -> new ProcessorHandler(config, photos, objects, Clock.systemUTC()));
    }

    /** The two functions from one builder each; tests pass lambdas for the one they replace. */
    static BackendFunctions of(Builder<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> api,
                               Builder<RequestStreamHandler> processor) {
        return new BackendFunctions() {
            @Override
            public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(
                    BackendConfig config, PhotoRepository photos, ObjectStore objects) {
                return api.build(config, photos, objects);
            }

            @Override
            public RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects) {
                return processor.build(config, photos, objects);
            }
        };
    }

    /** Builds one function from the stack's config and ports. */
    @FunctionalInterface
    interface Builder<F> {
        F build(BackendConfig config, PhotoRepository photos, ObjectStore objects);
    }
}
