package dev.photo.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.core.BackendConfig;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.backend.port.AdminPorts;
import dev.photo.backend.port.ObjectStore;
import dev.photo.backend.port.PhotoRepository;

import java.time.Clock;

/**
 * The two Lambda functions the local stack runs, built from its config and ports. {@link #real()} gives the
 * production handlers; tests of the stack's own plumbing can pass stand-ins.
 */
public interface BackendFunctions {

    /** @param admin the admin routes' ports: the user store, reprocess jobs, the queue to the processor */
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(BackendConfig config, PhotoRepository photos,
                                                                         ObjectStore objects, AdminPorts admin);

    /** @param admin whose {@link AdminPorts#jobs()} the processor counts reprocess outcomes in */
    RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                                   AdminPorts admin);

    /** {@link ApiHandler} and {@link ProcessorHandler}, exactly as deployed. */
    static BackendFunctions real() {
        return of((config, photos, objects, admin) -> new ApiHandler(config, photos, objects, admin,
                        Clock.systemUTC()),
                (config, photos, objects, admin) -> new ProcessorHandler(config, photos, objects, admin.jobs(),
                        Clock.systemUTC()));
    }

    /** The two functions from one builder each; tests pass lambdas for the one they replace. */
    static BackendFunctions of(Builder<RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> api,
                               Builder<RequestStreamHandler> processor) {
        return new BackendFunctions() {
            @Override
            public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(
                    BackendConfig config, PhotoRepository photos, ObjectStore objects, AdminPorts admin) {
                return api.build(config, photos, objects, admin);
            }

            @Override
            public RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                                                  AdminPorts admin) {
                return processor.build(config, photos, objects, admin);
            }
        };
    }

    /** Builds one function from the stack's config and ports. */
    @FunctionalInterface
    interface Builder<F> {
        F build(BackendConfig config, PhotoRepository photos, ObjectStore objects, AdminPorts admin);
    }
}
