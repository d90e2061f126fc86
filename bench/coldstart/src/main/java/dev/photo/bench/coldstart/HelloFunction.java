package dev.photo.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/**
 * The floor of a Java cold start: a handler that loads nothing. The benchmark times it in the same run as the real
 * functions, so their figures can be read as multiples of this one on a noisy machine.
 */
public final class HelloFunction implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello " + context.getAwsRequestId();
    }
}
