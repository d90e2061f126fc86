package dev.photo.backend.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.photo.backend.lambda.log.JsonLogger;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLoggerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final JsonLogger log = new JsonLogger("dev.photo.Test", Level.INFO,
            new PrintStream(out, true, StandardCharsets.UTF_8), mdc);

    @Test
    void writes_one_json_object_per_line_with_the_request_id() throws Exception {
        mdc.put(JsonLogger.REQUEST_ID, "req-42");
        log.info("photo {} is \"READY\"\nnext", "p-1");

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines[0]);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("dev.photo.Test");
        assertThat(line.get("message").asText()).isEqualTo("photo p-1 is \"READY\"\nnext");
        assertThat(line.get("requestId").asText()).isEqualTo("req-42");
        assertThat(line.get("timestamp").asText()).endsWith("Z");
    }

    @Test
    void an_error_carries_its_exception_and_stack_trace_in_the_same_line() throws Exception {
        log.error("processing {} failed", "k", new IllegalStateException("boom"));

        JsonNode line = JSON.readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(line.get("stackTrace").asText()).contains("JsonLoggerTest");
        assertThat(line.has("requestId")).isFalse();
    }

    @Test
    void levels_below_the_threshold_are_dropped() {
        log.debug("not shown");

        assertThat(out.size()).isZero();
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isWarnEnabled()).isTrue();
    }
}
