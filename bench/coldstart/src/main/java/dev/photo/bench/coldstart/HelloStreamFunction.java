package dev.photo.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@link HelloFunction} as a stream handler: the runtime interface client hands it bytes, so its own JSON
 * serialisation (a shaded Jackson and the event mix-ins) is never loaded. The gap between the two is what a typed
 * {@code RequestHandler} costs at cold start.
 */
public final class HelloStreamFunction implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(("\"hello " + context.getAwsRequestId() + "\"").getBytes(StandardCharsets.UTF_8));
    }
}
