package dev.photo.backend.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.photo.backend.port.Metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Metrics} as CloudWatch Embedded Metric Format: what one invocation recorded is written by {@link #flush}
 * as a single JSON line to the function's log (stdout), which CloudWatch turns into metrics without any API call.
 * Counts are summed; durations are kept as a list of samples (EMF takes up to 100 values per metric).
 */
public final class EmfMetrics implements Metrics {

    public static final String NAMESPACE = "photo";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SAMPLES = 100;

    private final String function;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, List<Long>> timings = new LinkedHashMap<>();

    /** @param function the value of the {@code Function} dimension: {@code api} or {@code processor} */
    public EmfMetrics(String function, PrintStream out, Clock clock) {
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void count(String name, long value) {
        counts.merge(name, value, Long::sum);
    }

    @Override
    public synchronized void milliseconds(String name, long value) {
        List<Long> samples = timings.computeIfAbsent(name, k -> new ArrayList<>());
        if (samples.size() < MAX_SAMPLES) {
            samples.add(value);
        }
    }

    /** Writes what was recorded since the last flush, if anything, with the request id as a property. */
    public synchronized void flush(String requestId) {
        if (counts.isEmpty() && timings.isEmpty()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Function");
        ArrayNode metrics = directive.putArray("Metrics");
        line.put("Function", function);
        counts.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            line.put(name, value);
        });
        timings.forEach((name, samples) -> {
            metrics.addObject().put("Name", name).put("Unit", "Milliseconds");
            if (samples.size() == 1) {
                line.put(name, samples.get(0));
            } else {
                ArrayNode values = line.putArray(name);
                samples.forEach(values::add);
            }
        });
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        out.println(line);
        out.flush();
        counts.clear();
        timings.clear();
    }
}
