package dev.photo.backend.lambda;

import java.io.PrintStream;
import java.util.Map;

/**
 * The two entry points built through their environment-taking constructors, for tests outside this package (the
 * end-to-end test against the AWS emulation): exactly what Lambda's no-argument constructors do, with an environment
 * map in place of the process's and the metrics lines going to {@code metricsOut}.
 */
public final class LambdaFunctions {

    private LambdaFunctions() {
    }

    public static ApiFunction api(Map<String, String> env, PrintStream metricsOut) {
        return new ApiFunction(env, metricsOut);
    }

    public static ProcessorFunction processor(Map<String, String> env, PrintStream metricsOut) {
        return new ProcessorFunction(env, metricsOut);
    }
}
