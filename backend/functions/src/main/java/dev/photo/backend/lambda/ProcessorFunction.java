package dev.photo.backend.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.photo.backend.handler.ProcessorHandler;
import dev.photo.backend.lambda.log.JsonLogger;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The processor function as Lambda runs it (handler {@code dev.photo.backend.lambda.ProcessorFunction}): built once
 * per container from the environment, then each S3 event goes to {@link ProcessorHandler}; a failure is rethrown so
 * that Lambda retries the event and finally sends it to the on-failure destination.
 */
public final class ProcessorFunction implements RequestStreamHandler {

    private final ProcessorHandler handler;
    private final EmfMetrics metrics;

    /** What Lambda calls: the process environment, metrics on stdout. */
    public ProcessorFunction() {
        this(System.getenv(), System.out);
    }

    ProcessorFunction(Map<String, String> env, PrintStream metricsOut) {
        FunctionEnvironment e = FunctionEnvironment.of(env, false);
        this.metrics = new EmfMetrics("processor", metricsOut, e.clock);
        this.handler = new ProcessorHandler(e.config, e.photos, e.objects, e.jobs, e.clock, metrics);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getAwsRequestId();
        if (requestId != null) {
            MDC.put(JsonLogger.REQUEST_ID, requestId);
        }
        try {
            handler.handleRequest(input, output, context);
        } finally {
            metrics.flush(requestId);
            MDC.remove(JsonLogger.REQUEST_ID);
        }
    }
}
