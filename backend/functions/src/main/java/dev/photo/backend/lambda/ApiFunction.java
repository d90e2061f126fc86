package dev.photo.backend.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.photo.backend.handler.ApiHandler;
import dev.photo.backend.lambda.log.JsonLogger;
import org.slf4j.MDC;

import java.io.PrintStream;
import java.util.Map;

/**
 * The API function as Lambda runs it (handler {@code dev.photo.backend.lambda.ApiFunction}): everything is built
 * once per container from the environment, then each HTTP API event goes to {@link ApiHandler}. The request id is
 * in every log line of the invocation; the event itself (tokens in its headers) is never logged.
 */
public final class ApiFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ApiHandler handler;
    private final EmfMetrics metrics;

    /** What Lambda calls: the process environment, metrics on stdout. */
    public ApiFunction() {
        this(System.getenv(), System.out);
    }

    ApiFunction(Map<String, String> env, PrintStream metricsOut) {
        FunctionEnvironment e = FunctionEnvironment.of(env, true);
        this.metrics = new EmfMetrics("api", metricsOut, e.clock);
        this.handler = new ApiHandler(e.config, e.photos, e.objects, e.objects, e.adminPorts(env), e.clock, metrics);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        if (requestId != null) {
            MDC.put(JsonLogger.REQUEST_ID, requestId);
        }
        try {
            return handler.handleRequest(event, context);
        } finally {
            metrics.flush(requestId);
            MDC.remove(JsonLogger.REQUEST_ID);
        }
    }
}
