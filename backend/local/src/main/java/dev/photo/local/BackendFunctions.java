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
import dev.photo.backend.port.ReprocessJobs;

import java.time.Clock;

/**
 * The two Lambda functions the local stack runs, built from its config and ports. {@link #real()} gives the
 * production handlers; tests of the stack's own plumbing can pass stand-ins.
 */
public interface BackendFunctions {

    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(BackendConfig config, PhotoRepository photos,
                                                                         ObjectStore objects, AdminPorts admin);

    RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                                   ReprocessJobs jobs);

    /** {@link ApiHandler} and {@link ProcessorHandler}, exactly as deployed. */
    static BackendFunctions real() {
        return new BackendFunctions() {
            @Override
            public RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api(
                    BackendConfig config, PhotoRepository photos, ObjectStore objects, AdminPorts admin) {
                return new ApiHandler(config, photos, objects, admin, Clock.systemUTC());
            }

            @Override
            public RequestStreamHandler processor(BackendConfig config, PhotoRepository photos, ObjectStore objects,
                                                  ReprocessJobs jobs) {
                return new ProcessorHandler(config, photos, objects, jobs, Clock.systemUTC());
            }
        };
    }
}
